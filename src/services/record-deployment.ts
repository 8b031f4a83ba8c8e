/**
 * Mirrors what a target reports about a deployment into the registry. The target is the source of truth for
 * a running deployment; the registry keeps the latest picture for listing, searching and history. One
 * deployment per server and target, so its id is derived from both and every report is an upsert.
 */
import { unlessNotFound } from '../errors.js';
import type { Deployment, DeploymentPatch, Registry } from '../registry/index.js';
import type { DeploymentInfo, TargetKind } from '../targets/index.js';

export function deploymentId(target: TargetKind, name: string): string {
  return `${target}:${name}`;
}

/**
 * `envFiles` (absolute paths, never values) replaces the env file reference the deployment keeps; left out,
 * the recorded one stays.
 */
export async function recordDeployment(
  registry: Registry,
  info: DeploymentInfo,
  envFiles?: readonly string[],
): Promise<Deployment> {
  const id = deploymentId(info.target, info.name);
  const patch = patchFrom(info, envFiles);
  const existing = await unlessNotFound(registry.getDeployment(id));
  if (existing?.version === info.version) {
    return registry.updateDeployment(id, { ...patch, options: { ...existing.options, ...patch.options } });
  }
  // Another version now runs under this name: its history starts afresh.
  if (existing) await registry.removeDeployment(id);
  const created = await registry.createDeployment({
    id,
    server: info.name,
    version: info.version,
    target: info.target,
  });
  return registry.updateDeployment(created.id, patch);
}

function patchFrom(info: DeploymentInfo, envFiles: readonly string[] | undefined): DeploymentPatch {
  return {
    state: info.state,
    endpoint: info.endpoint,
    transport: info.transport,
    pid: info.serverPid ?? null,
    supervisorPid: info.supervisorPid ?? null,
    restarts: info.restarts,
    lastHealthAt: info.lastHealth?.at ?? null,
    lastHealthOk: info.lastHealth?.ok ?? null,
    lastHealthDetail: info.lastHealth?.error ?? null,
    startedAt: info.startedAt ?? null,
    options: { port: info.port, ...(envFiles === undefined ? {} : { envFiles }) },
  };
}
