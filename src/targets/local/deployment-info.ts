/**
 * Turning the files of a deployment into the `DeploymentInfo` the rest of the factory sees, honestly: a
 * state.json that says "running" is only believed while its supervisor process is alive.
 */
import type { ClientConfig, DeploymentInfo } from '../target.js';
import type { DeploymentPaths } from './paths.js';
import { commandLineIncludes, isGroupAlive, isProcessAlive } from './process-tree.js';
import { type RuntimeState, readJsonFile } from './state-file.js';
import type { SupervisorConfig } from './supervisor-config.js';

const LIVE_STATES = new Set(['building', 'starting', 'running', 'unhealthy']);

/** The pid is alive and is this deployment's supervisor (its command line names the folder). */
export function supervisorAlive(paths: DeploymentPaths, pid: number | undefined): boolean {
  return pid !== undefined && isProcessAlive(pid) && commandLineIncludes(pid, paths.dir);
}

export function describeDeployment(
  paths: DeploymentPaths,
  config: SupervisorConfig,
  state: RuntimeState | undefined,
): DeploymentInfo {
  const endpoint = `http://127.0.0.1:${config.port}/mcp`;
  const base = {
    name: config.name,
    version: config.version,
    target: 'local' as const,
    transport: config.transport,
    endpoint,
    port: config.port,
    deploymentDir: paths.dir,
    clientConfig: readJsonFile<ClientConfig>(paths.clientConfig),
  };
  if (state === undefined)
    return { ...base, state: 'stopped', restarts: 0, updatedAt: new Date(0).toISOString() };
  const info: DeploymentInfo = {
    ...base,
    state: state.state,
    reason: state.reason,
    supervisorPid: state.supervisorPid,
    serverPid: state.serverPid,
    restarts: state.restarts,
    startedAt: state.startedAt,
    updatedAt: state.updatedAt,
    lastHealth: state.lastHealth,
    lastExit: state.lastExit,
  };
  if (LIVE_STATES.has(state.state) && !supervisorAlive(paths, state.supervisorPid)) {
    return supervisorDied(info, state);
  }
  return info;
}

/**
 * The supervisor was killed (kill -9, OOM): its last word in state.json is stale. Say so, and whether the
 * server it ran is still up unsupervised (`mcp-start` ends it before starting afresh); no dead pid is
 * reported as if it were alive.
 */
function supervisorDied(info: DeploymentInfo, state: RuntimeState): DeploymentInfo {
  const { supervisorPid: _dead, serverPid: _server, ...rest } = info;
  const supervisor = `supervisor died${state.supervisorPid === undefined ? '' : ` (pid ${state.supervisorPid})`}`;
  const pgid = state.serverPgid;
  if (pgid === undefined) return { ...rest, state: 'failed', reason: supervisor };
  const left = isGroupAlive(pgid);
  const server = `server pid ${state.serverPid ?? pgid} ${left ? 'left running' : 'ended'}`;
  return {
    ...rest,
    state: 'failed',
    reason: `${supervisor}; ${server}`,
    ...(left && state.serverPid !== undefined ? { serverPid: state.serverPid } : {}),
  };
}
