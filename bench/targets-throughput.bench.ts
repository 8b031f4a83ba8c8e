/**
 * tools/call throughput through each target's published endpoint, for the same generated server
 * (test/verification/specs/calc.yaml): bursts of 100 calls from 8 concurrent keep-alive clients (legacy
 * era, raw JSON-RPC as the SDK v2 client sends it), the local target as the baseline of the same run. The
 * table shows ms per burst, so "× baseline" is time: calls/s = 100 000 / median ms. No target: this shows
 * what the Docker bridge and the microVM's emulated CPU and user-mode network cost.
 *
 *   npm run bench -- targets-throughput
 */
import type { Target } from '../src/targets/index.js';
import { buildCall, httpCallsPerSecond, postCall } from '../test/verification/lib/bench-probes.js';
import type { SampleCall } from '../test/verification/lib/server-under-test.js';
import { calcOnTargets } from './lib/calc-on-targets.js';
import { dockerAvailable, qemuAvailable } from './lib/engines.js';
import { type BenchCase, defineBench } from './lib/measure.js';

const SAMPLE: SampleCall = { tool: 'add', arguments: { a: 2, b: 3 }, expected: { sum: 5 } };
const BURST = { calls: 100, concurrency: 8, era: 'legacy' } as const;

const calc = calcOnTargets();

const bench = defineBench({
  name: 'targets-throughput',
  description: `ms per ${BURST.calls} tools/call through each target (${BURST.concurrency} concurrent); calls/s = ${BURST.calls * 1000} / ms`,
  iterations: 10,
  warmup: 2,
  setup: async () => {
    const { artifact, targets, removeAfter } = await calc.prepare();
    const through = async (name: string, target: Target, baseline = false): Promise<BenchCase> => {
      removeAfter(target);
      const { endpoint } = await target.deploy(artifact, { transport: 'http', healthIntervalMs: 600_000 });
      await postCall(endpoint, buildCall(SAMPLE, BURST.era), SAMPLE); // one checked call before timing
      return { name, baseline, fn: () => httpCallsPerSecond(endpoint, SAMPLE, BURST) };
    };
    const cases = [await through('local', targets.local, true)];
    if (await dockerAvailable()) cases.push(await through('docker (bridge, port mapping)', targets.docker));
    else console.log('targets-throughput: no Docker engine answers: docker left out');
    if (qemuAvailable()) cases.push(await through('microvm (user-mode network)', targets.microvm));
    else console.log('targets-throughput: qemu-system-x86_64 not found: microvm left out');
    return cases;
  },
  teardown: calc.teardown,
});

export default bench;
