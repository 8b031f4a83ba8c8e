/**
 * Cold start over stdio — spawn → `initialize` → `tools/list` answered — of a generated server
 * (test/verification/specs/calc.yaml) against bench/baseline/server.mjs, the same two tools hand-written
 * with the SDK: both as plain modules (the generated one emitted as `tsc` would), and both as one-file
 * esbuild bundles (the generator's bundle()). Target: generated ≤ 1.2 × baseline in the same
 * form. Both sides run with the same environment (NODE_EXTRA_CA_CERTS, if set, slows every node start).
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
    const plain = await benchPair('plain');
    const bundled = await benchPair('bundled');
    return [
      { name: plain.baseline.label, baseline: true, fn: startup(plain.baseline) },
      { name: plain.subject.label, fn: startup(plain.subject) },
      { name: bundled.baseline.label, fn: startup(bundled.baseline) },
      { name: bundled.subject.label, fn: startup(bundled.subject) },
    ];
  },
});

/** Plain against plain and bundle against bundle, each pair interleaved. */
async function compareInterleaved(iterations: number): Promise<boolean> {
  let ok = true;
  for (const form of ['plain', 'bundled'] as const) {
    const { subject, baseline } = await benchPair(form);
    const result = await interleave(
      { name: subject.label, sample: startup(subject) },
      { name: baseline.label, sample: startup(baseline) },
      { iterations, warmup: 2 },
    );
    const title = `startup (${form}): spawn → tools/list over stdio`;
    process.stdout.write(`${formatInterleaved(title, 'ms', result, STARTUP_TARGET)}\n`);
    ok &&= meetsTarget(result, STARTUP_TARGET);
  }
  return ok;
}

if (isMain(import.meta.url))
  process.exitCode = (await compareInterleaved(Number(process.argv[2] ?? 20))) ? 0 : 1;
