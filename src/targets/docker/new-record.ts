/**
 * The record of a new deployment from the artifact and deploy options, with the defaults written out; and
 * the environment of a container created again from a record (names from the record, values from now).
 */

import { freePort, portIsFree } from '../local/free-port.js';
import { DEFAULT_RESTART_POLICY, DEFAULTS } from '../local/supervisor-config.js';
import type { DeployOptions } from '../target.js';
import type { ImageArtifact } from './deploy-checks.js';
import type { DockerDeployment } from './deployment-record.js';

const DEFAULT_LIMITS = { memoryMb: 256, pids: 256 } as const;

export async function newRecord(
  artifact: ImageArtifact,
  options: DeployOptions,
  built: { image: string; baseImage: string; envNames: string[]; previous: DockerDeployment | undefined },
): Promise<DockerDeployment> {
  const port = options.port ?? (await reusablePort(built.previous?.port)) ?? (await freePort());
  const limits = options.limits ?? {};
  return {
    name: artifact.name,
    version: artifact.version,
    image: built.image,
    baseImage: built.baseImage,
    port,
    containerPort: artifact.image.port,
    entry: artifact.image.entry,
    replicas: options.replicas ?? 1,
    memoryMb: limits.memoryMb ?? DEFAULT_LIMITS.memoryMb,
    ...(limits.cpus === undefined ? {} : { cpus: limits.cpus }),
    pids: limits.pids ?? DEFAULT_LIMITS.pids,
    maxRestarts: options.restart?.maxRestarts ?? DEFAULT_RESTART_POLICY.maxRestarts,
    unhealthyRestartAfter: options.unhealthyRestartAfter ?? DEFAULTS.unhealthyRestartAfter,
    ...(options.healthIntervalMs === undefined ? {} : { healthIntervalMs: options.healthIntervalMs }),
    stopTimeoutMs: options.stopTimeoutMs ?? DEFAULTS.stopTimeoutMs,
    readyTimeoutMs: options.readyTimeoutMs ?? DEFAULTS.readyTimeoutMs,
    log: options.logRotation ?? DEFAULTS.log,
    envNames: built.envNames,
    ...(artifact.httpAuth === undefined ? {} : { healthAuth: artifact.httpAuth }),
    deployedAt: new Date().toISOString(),
  };
}

/** A recreated container gets the recorded variables, valued from the caller's environment now. */
export function recreatedEnv(
  record: DockerDeployment,
  source: Readonly<Record<string, string | undefined>>,
): string[] {
  const entries = new Map<string, string>();
  for (const name of record.envNames) {
    const value = source[name];
    if (value !== undefined && value !== '') entries.set(name, value);
  }
  entries.set('MCP_TRANSPORT', 'http');
  entries.set('MCP_HOST', '0.0.0.0');
  entries.set('MCP_PORT', String(record.containerPort));
  return [...entries].map(([name, value]) => `${name}=${value}`);
}

/** A redeploy keeps its port unless something else took it meanwhile. */
async function reusablePort(port: number | undefined): Promise<number | undefined> {
  return port !== undefined && (await portIsFree(port)) ? port : undefined;
}
