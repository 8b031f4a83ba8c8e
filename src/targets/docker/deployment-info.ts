/**
 * A Docker deployment as the `DeploymentInfo` the rest of the factory sees: the record (what was deployed)
 * plus what the engine says now (observed state), plus the runner's own facts in `details`.
 */
import { httpClientEntry } from '../local/client-config.js';
import type { DeploymentInfo } from '../target.js';
import type { ObservedState } from './container-state.js';
import type { DockerDeployment, DockerPaths } from './deployment-record.js';
import type { Runner } from './runner.js';
import { readWatch, type WatchState, watcherAlive } from './watch-state.js';

export function endpointOf(port: number): string {
  return `http://127.0.0.1:${port}/mcp`;
}

export function describeDeployment(
  paths: DockerPaths,
  record: DockerDeployment,
  engineSays: ObservedState,
  runner: Runner,
): DeploymentInfo {
  const endpoint = endpointOf(record.port);
  const watch = readWatch(paths);
  const observed = withWatcher(engineSays, watch);
  return {
    name: record.name,
    version: record.version,
    target: 'docker',
    state: observed.state,
    ...(observed.reason === undefined ? {} : { reason: observed.reason }),
    transport: 'http',
    endpoint,
    port: record.port,
    restarts: observed.restarts,
    ...(observed.startedAt === undefined ? {} : { startedAt: observed.startedAt }),
    updatedAt: new Date().toISOString(),
    ...(observed.lastHealth === undefined ? {} : { lastHealth: observed.lastHealth }),
    ...(observed.lastExit === undefined ? {} : { lastExit: observed.lastExit }),
    deploymentDir: paths.dir,
    ...(observed.replicaEndpoints === undefined ? {} : { replicaEndpoints: observed.replicaEndpoints }),
    clientConfig: { mcpServers: { [record.name]: httpClientEntry(endpoint, record.healthAuth) } },
    details: {
      image: record.image,
      baseImage: record.baseImage,
      health: observed.health,
      memoryMb: record.memoryMb,
      pids: record.pids,
      ...(record.cpus === undefined ? {} : { cpus: record.cpus }),
      ...runner.details(observed, record),
      watcher: watcherWords(paths, record, watch),
    },
  };
}

/** The watcher's restarts count with the engine's; once it gave up, the deployment is failed, saying why. */
function withWatcher(observed: ObservedState, watch: WatchState | undefined): ObservedState {
  if (watch === undefined) return observed;
  const restarts = observed.restarts + watch.restarts;
  if (observed.state === 'stopped') return { ...observed, restarts };
  if (watch.gaveUp !== undefined) return { ...observed, restarts, state: 'failed', reason: watch.gaveUp };
  const repairing = observed.state === 'failed' || observed.state === 'unhealthy';
  if (watch.pending === undefined || !repairing || observed.health === 'gone')
    return { ...observed, restarts };
  const reason = `${watch.pending.container} ${watch.pending.reason}: the watcher restarts it`;
  return { ...observed, restarts, state: 'starting', reason };
}

function watcherWords(paths: DockerPaths, record: DockerDeployment, watch: WatchState | undefined): string {
  if (watch?.gaveUp !== undefined) return 'gave up';
  if (watcherAlive(paths, watch)) return 'watching';
  return record.stoppedByUs ? 'stopped' : 'not running (start runs it again)';
}

export function unreachable(
  { paths, record }: { paths: DockerPaths; record: DockerDeployment },
  error: unknown,
): DeploymentInfo {
  const reason = `the Docker engine is not reachable: ${error instanceof Error ? error.message : String(error)}`;
  const observed: ObservedState = { state: 'failed', reason, restarts: 0, health: 'unknown' };
  return describeDeployment(paths, record, observed, {
    details: () => ({ replicas: record.replicas }),
  } as unknown as Runner);
}
