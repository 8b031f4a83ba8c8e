/**
 * Deploy → healthy (the first real MCP tools/list through the published port answered) on each target, for
 * the same generated server (test/verification/specs/calc.yaml), side by side with the local target as the
 * baseline of the same run:
 *   - docker, cold image cache: the server's image removed before each run (the base image is kept: it is
 *     built once per machine); target < 20 s
 *   - docker, warm image cache: the image from the previous run is still there; target < 3 s
 *   - microvm, cold boot (no snapshot)
 *   - microvm, snapshot restore (the version's golden snapshot, made once); target < 1 s
 * Cases whose engine is missing (no Docker socket, no qemu-system-x86_64) are left out and say so.
 *
 *   npm run bench -- targets-deploy
 */
import type { DeployOptions, Target } from '../src/targets/index.js';
import { calcOnTargets } from './lib/calc-on-targets.js';
import { dockerAvailable, qemuAvailable } from './lib/engines.js';
import { type BenchCase, defineBench } from './lib/measure.js';

const TARGET_MS = { dockerCold: 20_000, dockerWarm: 3_000, microvmRestore: 1_000 };
/** Long health intervals keep earlier deployments' periodic checks out of later samples. */
const QUIET: DeployOptions = { healthIntervalMs: 600_000 };

const calc = calcOnTargets();

const bench = defineBench({
  name: 'targets-deploy',
  description: `deploy → healthy per target; targets: docker cold < ${TARGET_MS.dockerCold} ms, warm < ${TARGET_MS.dockerWarm} ms, microvm restore < ${TARGET_MS.microvmRestore} ms`,
  iterations: 5,
  warmup: 1,
  setup: async () => {
    const { artifact, targets, removeAfter } = await calc.prepare();
    const redeploy = (target: Target, options: DeployOptions = {}) => ({
      before: () => target.remove(artifact.name).catch(() => undefined),
      fn: () => target.deploy(artifact, { ...QUIET, ...options }),
    });
    const cases: BenchCase[] = [
      { name: 'local deploy → healthy', baseline: true, ...redeploy(targets.local, { transport: 'http' }) },
    ];
    removeAfter(targets.local);
    if (await dockerAvailable()) {
      removeAfter(targets.docker);
      cases.push(
        {
          name: 'docker deploy, cold image cache',
          iterations: 3,
          before: () => targets.docker.remove(artifact.name, { purge: true }).catch(() => undefined),
          fn: () => targets.docker.deploy(artifact, QUIET),
          targetMedianMs: TARGET_MS.dockerCold,
        },
        {
          name: 'docker deploy, warm image cache',
          ...redeploy(targets.docker),
          targetMedianMs: TARGET_MS.dockerWarm,
        },
      );
    } else console.log('targets-deploy: no Docker engine answers: docker cases left out');
    if (qemuAvailable()) {
      removeAfter(targets.microvm);
      cases.push(
        {
          name: 'microvm cold boot',
          iterations: 3,
          ...redeploy(targets.microvm, { snapshot: false }),
        },
        {
          name: 'microvm snapshot restore',
          ...redeploy(targets.microvm, { snapshot: true }),
          targetMedianMs: TARGET_MS.microvmRestore,
        },
      );
    } else console.log('targets-deploy: qemu-system-x86_64 not found: microvm cases left out');
    return cases;
  },
  teardown: calc.teardown,
});

export default bench;
