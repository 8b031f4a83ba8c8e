/**
 * Where the microvm target keeps things. Deployments are local-supervised processes under
 * `<home>/microvm/deployments/<name>/` (state.json, logs, vm.json). Built artifacts are cached under
 * `<cacheDir or home>/microvm/cache/`: kernels are shared by every server; initramfs and snapshots belong
 * to one server version (and the kernel they were built for), so `remove --purge` can delete them.
 */
import { join } from 'node:path';
import { assertDeploymentName } from '../local/paths.js';

export function microvmHome(home: string): string {
  return join(home, 'microvm');
}

export function cacheRoot(cacheDir: string): string {
  return join(cacheDir, 'microvm', 'cache');
}

export function kernelDir(cache: string, kernelId: string): string {
  return join(cache, 'kernels', kernelId);
}

export function acceleratorFile(cache: string, kernelId: string): string {
  return join(cache, 'accelerator', `${kernelId}.json`);
}

/** Everything built for one server, all versions: what a purge after a plain remove deletes. */
export function serverCacheDir(cache: string, name: string): string {
  assertDeploymentName(name);
  return join(cache, 'servers', name);
}

/** Everything built for one server version: purged with it. */
export function serverVersionDir(cache: string, name: string, version: string): string {
  assertDeploymentName(name);
  assertVersion(version);
  return join(serverCacheDir(cache, name), version);
}

export function snapshotDir(cache: string, name: string, version: string, key: string): string {
  return join(serverVersionDir(cache, name, version), 'snapshots', key);
}

/** The deployment's VM settings, written next to the supervisor's files. */
export function vmConfigFile(deploymentDir: string): string {
  return join(deploymentDir, 'vm.json');
}

const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.+_-]{0,63}$/;

function assertVersion(version: string): void {
  if (!VERSION_PATTERN.test(version)) throw new Error(`unsafe version string "${version}"`);
}
