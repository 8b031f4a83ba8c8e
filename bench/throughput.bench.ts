/**
 * `tools/call` throughput over Streamable HTTP of a generated server (test/verification/specs/calc.yaml)
 * against bench/baseline/server.mjs: bursts of 100 calls from 8 concurrent keep-alive clients, raw JSON-RPC
 * exactly as the SDK v2 client sends it. Target: generated ≥ 0.9 × baseline calls/s.
 *
 *   npm run bench -- throughput          ms per burst (legacy era, what deployed clients speak); the
 *                                        runner's "× baseline" is then time, so throughput = 1 / ×
 *   npx tsx bench/throughput.bench.ts    calls/s, interleaved A/B, both protocol eras, target enforced
 */
import { buildCall, type Era, httpCallsPerSecond, postCall } from '../test/verification/lib/bench-probes.js';
import { benchPair, httpForProcessLifetime } from '../test/verification/lib/bench-servers.js';
import {
  formatInterleaved,
  interleave,
  meetsTarget,
  type RatioTarget,
} from '../test/verification/lib/interleave.js';
import { isMain } from '../test/verification/lib/is-main.js';
import type { ServerUnderTest } from '../test/verification/lib/server-under-test.js';
import { defineBench } from './lib/measure.js';

export const THROUGHPUT_TARGET: RatioTarget = { kind: 'min', value: 0.9 };
const BURST = { calls: 100, concurrency: 8 };

/** Starts the server and checks one call end to end before anything is timed. */
async function ready(server: ServerUnderTest): Promise<string> {
  const url = await httpForProcessLifetime(server);
  for (const era of ['legacy', 'modern'] as const)
    await postCall(url, buildCall(server.sampleCall, era), server.sampleCall);
  return url;
}

const burst = (server: ServerUnderTest, url: string, era: Era) => () =>
  httpCallsPerSecond(url, server.sampleCall, { ...BURST, era });

export default defineBench({
  name: 'throughput',
  description: `ms per ${BURST.calls} tools/call over HTTP (${BURST.concurrency} concurrent, legacy era); target generated ≤ ${(1 / THROUGHPUT_TARGET.value).toFixed(2)} × baseline time`,
  iterations: 10,
  warmup: 2,
  setup: async () => {
    const { subject, baseline } = await benchPair();
    const [subjectUrl, baselineUrl] = [await ready(subject), await ready(baseline)];
    return [
      { name: baseline.label, baseline: true, fn: burst(baseline, baselineUrl, 'legacy') },
      { name: subject.label, fn: burst(subject, subjectUrl, 'legacy') },
    ];
  },
});

async function compareInterleaved(iterations: number): Promise<boolean> {
  const { subject, baseline } = await benchPair();
  const [subjectUrl, baselineUrl] = [await ready(subject), await ready(baseline)];
  let ok = true;
  for (const era of ['legacy', 'modern'] as const) {
    const result = await interleave(
      { name: subject.label, sample: burst(subject, subjectUrl, era) },
      { name: baseline.label, sample: burst(baseline, baselineUrl, era) },
      { iterations, warmup: 2 },
    );
    const title = `throughput: tools/call over HTTP, ${era} era, ${BURST.concurrency} concurrent`;
    process.stdout.write(`${formatInterleaved(title, 'calls/s', result, THROUGHPUT_TARGET)}\n`);
    ok &&= meetsTarget(result, THROUGHPUT_TARGET);
  }
  return ok;
}

if (isMain(import.meta.url))
  process.exitCode = (await compareInterleaved(Number(process.argv[2] ?? 15))) ? 0 : 1;
