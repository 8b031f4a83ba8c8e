/**
 * What Docker's own restart policy does not do, done by a small detached process per deployment (see
 * watch-main.ts), with the local supervisor's restart policy (backoff, most restarts within a window, then
 * `failed`): a container stopped with `docker kill` (the engine treats any kill as a manual stop, so
 * `on-failure` ignores it) is started again, and a container the engine's HEALTHCHECK calls unhealthy (the
 * engine only reports that) is restarted. Crashes stay Docker's: a container that is restarting, or whose
 * policy already gave up, is left as it is. A deployment we stopped on purpose is never touched.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import { type CrashHistory, decideRestart, EMPTY_HISTORY, markHealthy } from '../local/restart-policy.js';
import { writeJsonAtomic } from '../local/state-file.js';
import { DEFAULT_RESTART_POLICY } from '../local/supervisor-config.js';
import type { RestartPolicy } from '../target.js';
import { type DockerDeployment, type DockerPaths, readRecord } from './deployment-record.js';
import { type Engine, engineMessage, unlessMissing } from './engine.js';
import { containerName } from './names.js';
import { replicaName } from './replica-set-runner.js';
import { type WatchState, watchFile } from './watch-state.js';

export const WATCH_INTERVAL_MS = 1_000;
const HEALTHZ_PATIENCE_MS = 5_000;

type Repair = { readonly kind: 'start' | 'restart'; readonly reason: string };

export class DeploymentWatcher {
  private state: WatchState;

  constructor(
    private readonly engine: Engine,
    private readonly paths: DockerPaths,
    private readonly log: (line: string) => void,
  ) {
    this.state = { pid: process.pid, restarts: 0, history: EMPTY_HISTORY };
  }

  /** Until the deployment is removed or stopped on purpose (or the signal aborts). */
  async run(signal: AbortSignal): Promise<void> {
    this.save();
    while (!signal.aborted) {
      const record = readRecord(this.paths);
      if (record === undefined || record.stoppedByUs) return;
      if (this.state.gaveUp === undefined)
        await this.check(record).catch((error: unknown) => {
          this.log(`check failed (tried again in ${WATCH_INTERVAL_MS} ms): ${engineMessage(error)}`);
        });
      await sleep(WATCH_INTERVAL_MS, undefined, { signal }).catch(() => undefined);
    }
  }

  /** One look at every container of the deployment; repairs them one at a time. */
  async check(record: DockerDeployment): Promise<void> {
    let allHealthy = true;
    for (const name of containerNames(record)) {
      const inspect = await unlessMissing(this.engine.getContainer(name).inspect());
      if (inspect === undefined) continue; // removed behind our back: status says so, start creates it
      const repair = repairOf(record, inspect);
      if (repair === undefined) continue;
      if (repair.kind === 'restart' && (await answersHealthz(record, inspect))) continue;
      allHealthy = false;
      if (!(await this.repair(record, name, repair))) return;
    }
    if (allHealthy) this.update({ history: markHealthy(this.state.history) });
  }

  private async repair(record: DockerDeployment, name: string, repair: Repair): Promise<boolean> {
    const decision = decideRestart(policyOf(record), this.state.history, Date.now());
    if (decision.action === 'give-up') {
      const gaveUp = `${name} ${repair.reason}; the watcher gave up: ${decision.reason}`;
      this.log(gaveUp);
      this.update({ history: decision.history, gaveUp });
      return false;
    }
    this.log(`${name} ${repair.reason}: ${repair.kind} in ${decision.delayMs} ms`);
    this.update({ history: this.state.history, pending: { container: name, reason: repair.reason } });
    await sleep(decision.delayMs);
    const done = await this.apply(name, repair, record.stopTimeoutMs);
    const { pending: _settled, ...rest } = this.state;
    this.state =
      done === 'repaired'
        ? {
            ...rest,
            restarts: rest.restarts + 1,
            history: decision.history,
            lastAction: { at: new Date().toISOString(), container: name, reason: repair.reason },
          }
        : rest; // nothing was restarted: no crash to count
    this.save();
    return done !== 'stopped';
  }

  /** The repair, unless the deployment was stopped meanwhile or Docker already brought the container back. */
  private async apply(
    name: string,
    repair: Repair,
    stopTimeoutMs: number,
  ): Promise<'repaired' | 'not needed' | 'stopped'> {
    const latest = readRecord(this.paths);
    if (latest === undefined || latest.stoppedByUs) return 'stopped';
    const container = this.engine.getContainer(name);
    const now = await unlessMissing(container.inspect());
    if (now === undefined || repairOf(latest, now) === undefined) return 'not needed';
    try {
      if (repair.kind === 'start') await container.start();
      else await container.restart({ t: Math.ceil(stopTimeoutMs / 1000) });
    } catch (error) {
      this.log(`${name}: ${repair.kind} failed: ${engineMessage(error)}`);
    }
    return 'repaired';
  }

  private update(change: Partial<WatchState> & { history: CrashHistory }): void {
    const next = { ...this.state, ...change };
    if (JSON.stringify(next) === JSON.stringify(this.state)) return;
    this.state = next;
    this.save();
  }

  private save(): void {
    writeJsonAtomic(watchFile(this.paths), this.state);
  }
}

/** What the watcher does about one container, if anything. */
export function repairOf(record: DockerDeployment, inspect: Docker.ContainerInspectInfo): Repair | undefined {
  const state = inspect.State;
  if (state.Restarting || state.Paused) return undefined;
  if (state.Running) {
    const unhealthy = state.Health?.Status === 'unhealthy' && record.unhealthyRestartAfter !== 0;
    return unhealthy ? { kind: 'restart', reason: 'is unhealthy (its HEALTHCHECK failed)' } : undefined;
  }
  if (state.Status === 'created') return undefined;
  // Docker's on-failure policy handles crashes; once it gave up, the deployment is failed, not ours to revive.
  if (record.maxRestarts > 0 && inspect.RestartCount >= record.maxRestarts) return undefined;
  return { kind: 'start', reason: `exited with code ${state.ExitCode} and Docker did not restart it` };
}

/**
 * An engine check can time out on a busy host while the server is fine: before restarting a container
 * the engine calls unhealthy, ask its /healthz once more from here, with more patience.
 */
async function answersHealthz(
  record: DockerDeployment,
  inspect: Docker.ContainerInspectInfo,
): Promise<boolean> {
  const hostPort = inspect.NetworkSettings.Ports?.[`${record.containerPort}/tcp`]?.[0]?.HostPort;
  if (!hostPort) return false;
  try {
    const response = await fetch(`http://127.0.0.1:${hostPort}/healthz`, {
      signal: AbortSignal.timeout(HEALTHZ_PATIENCE_MS),
    });
    return response.ok;
  } catch {
    return false;
  }
}

function policyOf(record: DockerDeployment): RestartPolicy {
  return { ...DEFAULT_RESTART_POLICY, maxRestarts: record.maxRestarts };
}

function containerNames(record: DockerDeployment): string[] {
  if (record.replicas <= 1) return [containerName(record.name)];
  const replicas = Array.from({ length: record.replicas }, (_, i) => replicaName(record.name, i + 1));
  return [...replicas, containerName(record.name)];
}
