/**
 * Everything a microVM deployment boots, resolved (and built on first use) for one deploy: the kernel,
 * the version's initramfs, the accelerator verdict and, unless snapshots are off, the golden snapshot.
 * Progress goes to `DeployOptions.progress` in words.
 */
import type { Artifact, DeployOptions, ImageRecipe } from '../target.js';
import { type AcceleratorChoice, chooseAccelerator } from './accelerator.js';
import { ensureGoldenSnapshot, snapshotKey } from './golden-snapshot.js';
import { ensureInitramfs } from './initramfs.js';
import { debianKernel, type GuestKernel, userKernel } from './kernel.js';
import { serverVersionDir, snapshotDir } from './paths.js';
import type { SnapshotFiles, VmmDriver } from './vmm.js';

export interface VmArtifacts {
  readonly kernel: GuestKernel;
  readonly initrd: string;
  readonly accelerator: AcceleratorChoice;
  readonly snapshot?: SnapshotFiles;
}

export interface Limits {
  readonly memoryMb: number;
  readonly vcpus: number;
}

export async function prepareVmArtifacts(
  cache: string,
  artifact: Artifact & { image: ImageRecipe },
  options: DeployOptions,
  limits: Limits,
  driver: VmmDriver,
): Promise<VmArtifacts> {
  const progress = options.progress ?? (() => undefined);
  const kernel =
    options.kernel === undefined ? await debianKernel(cache, progress) : await userKernel(options.kernel);
  const versionDir = serverVersionDir(cache, artifact.name, artifact.version);
  const { path: initrd, buildId } = await ensureInitramfs(versionDir, artifact.image, kernel, progress);
  const accelerator = await chooseAccelerator(cache, kernel, driver, progress);
  progress(`microvm accelerator: ${accelerator.accelerator} (${accelerator.reason})`);
  if (options.snapshot === false) return { kernel, initrd, accelerator };
  const spec = {
    kernel: kernel.vmlinux,
    initrd,
    ...limits,
    accelerator: accelerator.accelerator,
    guestPort: artifact.image.port,
  };
  const dir = snapshotDir(cache, artifact.name, artifact.version, snapshotKey(spec, buildId));
  const snapshot = await ensureGoldenSnapshot(dir, spec, driver, progress);
  return { kernel, initrd, accelerator, snapshot };
}
