/**
 * The files a deployment is configured by: supervisor.json (built from the artifact and deploy options,
 * never holding env values) and client-config.json, kept in step when `start` has to move the port.
 */
import type { Artifact, ClientConfig, DeployOptions } from '../target.js';
import { freePort, portIsFree } from './free-port.js';
import { entryCommand } from './node-entry.js';
import type { DeploymentPaths } from './paths.js';
import { readJsonFile, writeJsonAtomic } from './state-file.js';
import { DEFAULT_RESTART_POLICY, DEFAULTS, type SupervisorConfig } from './supervisor-config.js';

/** A port picked for us may have been taken while the deployment was stopped: pick another one. */
export async function movePortIfTaken(
  paths: DeploymentPaths,
  config: SupervisorConfig,
): Promise<SupervisorConfig> {
  if (config.portPinned || (await portIsFree(config.port))) return config;
  const moved = { ...config, port: await freePort() };
  writeJsonAtomic(paths.config, moved);
  const clientConfig = readJsonFile<ClientConfig>(paths.clientConfig);
  if (clientConfig !== undefined)
    writeJsonAtomic(paths.clientConfig, withEndpoint(clientConfig, endpointOf(moved.port)));
  return moved;
}

function withEndpoint(config: ClientConfig, url: string): ClientConfig {
  const entries = Object.entries(config.mcpServers).map(([name, entry]) => [
    name,
    'url' in entry ? { ...entry, url } : entry,
  ]);
  return { mcpServers: Object.fromEntries(entries) };
}

export function endpointOf(port: number): string {
  return `http://127.0.0.1:${port}/mcp`;
}

/**
 * `--port` wins; then the spec's port (HTTP transport: the one its README advertises) when free; then the
 * previous port, so a redeploy keeps the endpoint clients know; then any free port.
 */
async function pickPort(
  artifact: Artifact,
  transport: SupervisorConfig['transport'],
  options: DeployOptions,
  previous: SupervisorConfig | undefined,
): Promise<number> {
  if (options.port !== undefined) return options.port;
  const preferred = transport === 'http' ? artifact.preferredPort : undefined;
  if (preferred !== undefined && (await portIsFree(preferred))) return preferred;
  const reused = previous !== undefined && (await portIsFree(previous.port)) ? previous.port : undefined;
  const other = reused ?? (await freePort());
  if (preferred !== undefined)
    options.progress?.(`port ${preferred} (the spec's http.port) is taken; using ${other} instead`);
  return other;
}

export async function buildSupervisorConfig(
  artifact: Artifact,
  transport: SupervisorConfig['transport'],
  options: DeployOptions,
  /** The config of the deployment this one replaces, if any. */
  previous?: SupervisorConfig,
): Promise<SupervisorConfig> {
  return {
    name: artifact.name,
    version: artifact.version,
    projectDir: artifact.projectDir,
    command: artifact.command,
    transport,
    port: await pickPort(artifact, transport, options, previous),
    portPinned: options.port !== undefined,
    restart: { ...DEFAULT_RESTART_POLICY, ...options.restart },
    healthIntervalMs: options.healthIntervalMs ?? DEFAULTS.healthIntervalMs,
    unhealthyRestartAfter: options.unhealthyRestartAfter ?? DEFAULTS.unhealthyRestartAfter,
    startTimeoutMs: DEFAULTS.startTimeoutMs,
    stopTimeoutMs: options.stopTimeoutMs ?? DEFAULTS.stopTimeoutMs,
    log: options.logRotation ?? DEFAULTS.log,
    bridge: {
      maxSessions: options.maxSessions ?? DEFAULTS.bridge.maxSessions,
      sessionIdleMs: options.sessionIdleMs ?? DEFAULTS.bridge.sessionIdleMs,
    },
    bridgeCommand: transport === 'stdio' ? await entryCommand('bridge-main') : [],
    envNames: (artifact.env ?? []).map((variable) => variable.name),
    ...(transport === 'http' && artifact.httpAuth !== undefined ? { healthAuth: artifact.httpAuth } : {}),
  };
}
