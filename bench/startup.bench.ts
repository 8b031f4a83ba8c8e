/**
 * Cold start over stdio — spawn → `initialize` → `tools/list` answered — of a generated server
 * (test/verification/specs/calc.yaml, emitted as `tsc` would) against bench/baseline/server.mjs, the same
 * two tools hand-written with the SDK. Target: generated ≤ 1.2 × baseline. Both sides run with the same
 * environment (NODE_EXTRA_CA_CERTS, if set, slows every node start equally).
 *
 *   npm run bench -- startup          through the bench runner (sides measured one after the other)
 *   npx tsx bench/startup.bench.ts    interleaved A/B with the ratio target enforced (exit 1 if missed)
 */
import { stdioStartupMs } from '../test/verification/lib/bench-probes.js';
import { benchPair } from '../test/verification/lib/bench-servers.js';
import {
  formatInterleaved,
  interleave,
  meetsTarget,
  type RatioTarget,
} from '../test/verification/lib/interleave.js';
import { isMain } from '../test/verification/lib/is-main.js';
import type { ServerUnderTest } from '../test/verification/lib/server-under-test.js';
import { defineBench } from './lib/measure.js';

export const STARTUP_TARGET: RatioTarget = { kind: 'max', value: 1.2 };

const startup = (server: ServerUnderTest) => () => stdioStartupMs(server.stdio(), server.tools);

export default defineBench({
  name: 'startup',
  description: `spawn → tools/list over stdio; target generated ≤ ${STARTUP_TARGET.value} × baseline`,
  iterations: 12,
  warmup: 2,
  setup: async () => {
    const { subject, baseline } = await benchPair();
    return [
      { name: baseline.label, baseline: true, fn: startup(baseline) },
      { name: subject.label, fn: startup(subject) },
    ];
  },
});

async function compareInterleaved(iterations: number): Promise<boolean> {
  const { subject, baseline } = await benchPair();
  const result = await interleave(
    { name: subject.label, sample: startup(subject) },
    { name: baseline.label, sample: startup(baseline) },
    { iterations, warmup: 2 },
  );
  process.stdout.write(
    `${formatInterleaved('startup: spawn → tools/list over stdio', 'ms', result, STARTUP_TARGET)}\n`,
  );
  return meetsTarget(result, STARTUP_TARGET);
}

if (isMain(import.meta.url))
  process.exitCode = (await compareInterleaved(Number(process.argv[2] ?? 20))) ? 0 : 1;
