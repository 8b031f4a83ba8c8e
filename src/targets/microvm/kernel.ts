/**
 * The guest kernel. By default Debian's current `linux-image-<ver>-amd64` (what `linux-image-amd64`
 * depends on), fetched with `apt-get download` and unpacked with `dpkg-deb -x` — no root, no install —
 * then reduced to the uncompressed vmlinux plus the virtio modules the guest loads, in dependency order
 * (its virtio drivers are modules). A user-supplied vmlinux is used as is: it must have virtio-mmio,
 * virtio-net and the 8250 serial console built in.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { FactoryError } from '../../errors.js';
import { readJsonFile, writeJsonAtomic } from '../local/state-file.js';
import { buildOnce } from './atomic-build.js';
import { kernelDir } from './paths.js';
import { runTool } from './run-tool.js';
import { extractVmlinux, isElf } from './vmlinux-extract.js';

export interface GuestKernel {
  /** Stable id of this kernel: names the artifacts built for it (`debian-6.1.0-56-amd64`, `custom-<hash>`). */
  readonly id: string;
  readonly vmlinux: string;
  /** Module files to load at boot, in dependency order (empty for a user kernel). */
  readonly modules: readonly string[];
}

/** The drivers the guest needs; modprobe adds their dependencies in order. */
const GUEST_MODULES = ['virtio_mmio', 'virtio_net', 'virtio_rng'];
const META = 'kernel.json';

export async function debianKernel(cache: string, progress: (message: string) => void): Promise<GuestKernel> {
  const release = await currentDebianRelease(cache);
  const id = `debian-${release}`;
  const dir = kernelDir(cache, id);
  await buildOnce(dir, async (temp) => {
    progress(`building microvm kernel: downloading linux-image-${release}`);
    await fetchKernel(release, temp);
  });
  const meta = readJsonFile<{ modules: string[] }>(join(dir, META));
  if (meta === undefined) throw new FactoryError('INTERNAL', `kernel cache ${dir} has no ${META}`);
  return {
    id,
    vmlinux: join(dir, 'vmlinux'),
    modules: meta.modules.map((file) => join(dir, 'modules', file)),
  };
}

export async function userKernel(path: string): Promise<GuestKernel> {
  const file = resolve(path);
  if (!isAbsolute(file) || !existsSync(file) || !statSync(file).isFile() || !isElf(file)) {
    throw new FactoryError('USAGE', `--kernel must be an uncompressed kernel (an ELF vmlinux): "${path}"`, {
      hint: 'extract it from a bzImage with the kernel’s scripts/extract-vmlinux',
    });
  }
  return { id: `custom-${await fileHash(file)}`, vmlinux: file, modules: [] };
}

/** How long the answer of apt about the current kernel is trusted (asking costs ≈0.6 s per deploy). */
const RELEASE_RECHECK_MS = 24 * 60 * 60 * 1000;

/** The current release, from apt at most once a day while its kernel is in the cache. */
async function currentDebianRelease(cache: string): Promise<string> {
  const cached = cachedDebianRelease(cache);
  if (cached !== undefined) return cached;
  const release = await askAptForRelease();
  mkdirSync(join(cache, 'kernels'), { recursive: true });
  writeJsonAtomic(releaseFile(cache), { release, checkedAt: Date.now() });
  return release;
}

/** Debian's kernel is ready without asking apt or building anything (what the prerequisite check needs). */
export function debianKernelCached(cache: string): boolean {
  return cachedDebianRelease(cache) !== undefined;
}

function cachedDebianRelease(cache: string): string | undefined {
  const known = readJsonFile<{ release: string; checkedAt: number }>(releaseFile(cache));
  const fresh =
    known !== undefined &&
    Date.now() - known.checkedAt < RELEASE_RECHECK_MS &&
    existsSync(kernelDir(cache, `debian-${known.release}`));
  return fresh ? known.release : undefined;
}

function releaseFile(cache: string): string {
  return join(cache, 'kernels', 'debian-current.json');
}

/** `linux-image-amd64` is a metapackage: its dependency names the current kernel, e.g. 6.1.0-56-amd64. */
async function askAptForRelease(): Promise<string> {
  const hint = 'the default kernel comes from Debian apt; elsewhere pass your own vmlinux with --kernel';
  const out = await runTool('apt-cache', ['depends', 'linux-image-amd64'], { hint });
  const match = /Depends:\s*linux-image-(\d[\w.+-]*-amd64)\b/.exec(out);
  if (match?.[1] === undefined) {
    throw new FactoryError('TARGET_UNAVAILABLE', 'apt knows no linux-image-amd64 kernel', { hint });
  }
  return match[1];
}

async function fetchKernel(release: string, dir: string): Promise<void> {
  const work = join(dir, 'work');
  mkdirSync(work);
  await runTool('apt-get', ['download', `linux-image-${release}`], { cwd: work });
  const deb = readdirSync(work).find((file) => file.endsWith('.deb'));
  if (deb === undefined)
    throw new FactoryError('TARGET_UNAVAILABLE', `apt-get downloaded no linux-image-${release}`);
  const root = join(work, 'root');
  await runTool('dpkg-deb', ['-x', join(work, deb), root]);
  await extractVmlinux(join(root, 'boot', `vmlinuz-${release}`), join(dir, 'vmlinux'));
  const modules = await moduleOrder(root, release);
  mkdirSync(join(dir, 'modules'));
  for (const module of modules) copyFileSync(module, join(dir, 'modules', basename(module)));
  writeJsonAtomic(join(dir, META), { release, modules: modules.map((module) => basename(module)) });
  rmSync(work, { recursive: true, force: true });
}

/** `depmod` then `modprobe --show-depends`: every insmod line, first occurrence kept. */
async function moduleOrder(root: string, release: string): Promise<string[]> {
  await runTool('depmod', ['-b', root, release], { hint: 'install kmod' });
  const order: string[] = [];
  for (const module of GUEST_MODULES) {
    const out = await runTool('modprobe', ['-d', root, '-S', release, '--show-depends', module]);
    for (const line of out.split('\n')) {
      const path = /^insmod\s+(\S+\.ko)\s*/.exec(line)?.[1];
      if (path !== undefined && !order.includes(path)) order.push(path);
    }
  }
  return order;
}

function fileHash(path: string): Promise<string> {
  return new Promise((done, fail) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', fail)
      .on('end', () => done(hash.digest('hex').slice(0, 16)));
  });
}
