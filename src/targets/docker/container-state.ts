/**
 * What a container inspection means for the factory, honestly: `running` only when the engine's
 * HEALTHCHECK says healthy (or, before its first check, when our own tools/list of this very start
 * succeeded); a restart loop is `starting` with its restarts counted; an exit we did not ask for is
 * `failed` with the exit code, OOM kill and whether Docker's restart policy gave up.
 */
import type Docker from 'dockerode';
import type { DeploymentState, ExitInfo, HealthResult, ReplicaEndpoint } from '../target.js';
import type { DockerDeployment } from './deployment-record.js';
import { signalOf } from './exit-words.js';

export interface ObservedState {
  readonly state: DeploymentState;
  readonly reason?: string;
  readonly restarts: number;
  /** The engine's HEALTHCHECK status: starting, healthy, unhealthy, none; or `gone` without a container. */
  readonly health: string;
  readonly startedAt?: string;
  readonly lastExit?: ExitInfo;
  readonly lastHealth?: HealthResult;
  readonly containerId?: string;
  /** The container's own published port on 127.0.0.1, while it runs. */
  readonly hostPort?: number;
  /** Replica sets: each replica's own endpoint (see DeploymentInfo.replicaEndpoints). */
  readonly replicaEndpoints?: readonly ReplicaEndpoint[];
}

const ZERO_TIME = '0001-01-01T00:00:00Z';

export function containerGone(record: DockerDeployment): ObservedState {
  return {
    state: record.stoppedByUs && record.failure === undefined ? 'stopped' : 'failed',
    reason: `its container is gone (removed outside the factory); start creates it again`,
    restarts: 0,
    health: 'gone',
  };
}

export function observeContainer(
  record: DockerDeployment,
  inspect: Docker.ContainerInspectInfo,
): ObservedState {
  const state = inspect.State;
  const health = state.Running ? (state.Health?.Status ?? 'none') : 'none';
  const base = {
    restarts: inspect.RestartCount,
    health,
    containerId: inspect.Id.slice(0, 12),
    ...(state.StartedAt && state.StartedAt !== ZERO_TIME ? { startedAt: state.StartedAt } : {}),
    ...lastExitOf(state),
    ...lastHealthOf(record, state),
  };
  if (state.Running && !state.Restarting) {
    return { ...base, ...runningState(record, state, health) };
  }
  if (state.Restarting) {
    return { ...base, state: 'starting', reason: `restarting after ${exitWords(state)}` };
  }
  if (record.stoppedByUs) return { ...base, ...stoppedState(record) };
  return { ...base, state: 'failed', reason: failureReason(record, inspect) };
}

function runningState(
  record: DockerDeployment,
  state: Docker.ContainerInspectInfo['State'],
  health: string,
): { state: DeploymentState; reason?: string } {
  if (state.Paused) return { state: 'unhealthy', reason: 'the container is paused' };
  if (health === 'healthy') return { state: 'running' };
  if (health === 'unhealthy') {
    const streak = state.Health?.FailingStreak ?? 0;
    const output = lastLog(state)?.Output?.trim();
    return {
      state: 'unhealthy',
      reason: `HEALTHCHECK failed ${streak} times in a row${output ? `: ${output}` : ''}`,
    };
  }
  const answered = record.readyCheck?.startedAt === state.StartedAt && record.readyCheck.result.ok;
  return answered
    ? { state: 'running' }
    : { state: 'starting', reason: 'waiting for the first health check' };
}

function failureReason(record: DockerDeployment, inspect: Docker.ContainerInspectInfo): string {
  const state = inspect.State;
  const parts = [state.Status === 'created' ? 'created but never started' : exitWords(state)];
  if (state.Error) parts.push(state.Error);
  if (inspect.RestartCount >= record.maxRestarts && record.maxRestarts > 0) {
    parts.push(`Docker's restart policy gave up after ${inspect.RestartCount} restarts`);
  }
  return parts.join('; ');
}

function exitWords(state: Docker.ContainerInspectInfo['State']): string {
  const oom = state.OOMKilled ? ' (out of memory: killed at the memory limit)' : '';
  const signal = signalOf(state.ExitCode);
  return `exited with code ${state.ExitCode}${signal ? ` (${signal})` : ''}${oom}`;
}

function lastExitOf(state: Docker.ContainerInspectInfo['State']): { lastExit?: ExitInfo } {
  if (!state.FinishedAt || state.FinishedAt === ZERO_TIME) return {};
  return { lastExit: { code: state.ExitCode, signal: signalOf(state.ExitCode), at: state.FinishedAt } };
}

interface HealthLogEntry {
  readonly Start: string;
  readonly End: string;
  readonly ExitCode: number;
  readonly Output?: string;
}

function lastLog(state: Docker.ContainerInspectInfo['State']): HealthLogEntry | undefined {
  const log = (state.Health as { Log?: HealthLogEntry[] } | undefined)?.Log ?? [];
  return log.at(-1);
}

/** The newer of the engine's last HEALTHCHECK run and our own last tools/list. */
function lastHealthOf(
  record: DockerDeployment,
  state: Docker.ContainerInspectInfo['State'],
): { lastHealth?: HealthResult } {
  const ours = record.readyCheck?.result;
  const entry = lastLog(state);
  const engine: HealthResult | undefined =
    entry === undefined
      ? undefined
      : {
          ok: entry.ExitCode === 0,
          at: new Date(entry.End).toISOString(),
          latencyMs: Math.max(0, Date.parse(entry.End) - Date.parse(entry.Start)),
          ...(entry.ExitCode === 0 ? {} : { error: entry.Output?.trim() || `exit code ${entry.ExitCode}` }),
        };
  const newest = [ours, engine].filter((h) => h !== undefined).sort((a, b) => (a.at < b.at ? 1 : -1))[0];
  return newest === undefined ? {} : { lastHealth: newest };
}

/** Stopped on purpose: by stop, or by a deploy/start that gave up (then `failed`, with its reason). */
export function stoppedState(record: DockerDeployment): { state: DeploymentState; reason: string } {
  return record.failure === undefined
    ? { state: 'stopped', reason: 'stopped' }
    : { state: 'failed', reason: record.failure };
}
