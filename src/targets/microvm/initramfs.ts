/**
 * The guest's root filesystem, one uncompressed cpio per (server version, kernel): busybox-static, the
 * host's `node` with the libraries ldd lists, the kernel's virtio modules, the guest loader, the server's
 * image context (dist/server.mjs and its native node_modules) under /app, and /init; compressed (see
 * initramfs-compress.ts). No env value is ever in it — the server gets its environment over the console after boot (guest-loader.ts).
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FactoryError } from '../../errors.js';
import type { ImageRecipe } from '../target.js';
import { buildOnce } from './atomic-build.js';
import { CpioArchive } from './cpio-archive.js';
import { guestInit } from './guest-init.js';
import { findExecutable } from './host-prerequisites.js';
import { compressInitramfs } from './initramfs-compress.js';
import type { GuestKernel } from './kernel.js';
import { sharedLibraries } from './shared-libraries.js';

const INITRD = 'initrd.img';
const ETC: Record<string, string> = {
  'etc/hosts': '127.0.0.1 localhost\n',
  'etc/resolv.conf': 'nameserver 10.0.2.3\n', // QEMU user networking's DNS (outbound network only)
  'etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n',
  'etc/group': 'root:x:0:\n',
};

export interface BuiltInitramfs {
  readonly path: string;
  /** Names this build: the kernel plus a hash of the guest-side code, so a new factory never boots a stale one. */
  readonly buildId: string;
}

/** Builds `<versionDir>/<buildId>/initrd.img` once; returns where it is. */
export async function ensureInitramfs(
  versionDir: string,
  image: ImageRecipe,
  kernel: GuestKernel,
  progress: (message: string) => void,
): Promise<BuiltInitramfs> {
  const loader = await bundleLoader();
  const init = guestInit({ modules: kernel.modules.map((m) => basename(m)), entry: `/app/${image.entry}` });
  const hash = createHash('sha256').update(`${process.version}\n${loader}\n${init}`).digest('hex');
  const buildId = `${kernel.id}-${hash.slice(0, 12)}`;
  const dir = join(versionDir, buildId);
  await buildOnce(dir, async (temp) => {
    progress('building microvm initramfs (node, the server bundle, init)');
    const cpio = join(temp, 'initrd.cpio');
    await writeInitramfs(cpio, image, kernel, { loader, init });
    await compressInitramfs(cpio, join(temp, INITRD));
    rmSync(cpio);
  });
  return { path: join(dir, INITRD), buildId };
}

async function writeInitramfs(
  path: string,
  image: ImageRecipe,
  kernel: GuestKernel,
  guest: { readonly loader: string; readonly init: string },
): Promise<void> {
  const archive = new CpioArchive(path);
  try {
    for (const dir of ['dev', 'proc', 'sys', 'tmp', 'root', 'bin', 'lib/mcpf-modules', 'mcpf'])
      archive.dir(dir);
    archive.copy('bin/busybox', findBusybox(), 0o755);
    const node = realpathSync(process.execPath);
    archive.copy('bin/node', node, 0o755);
    for (const library of await librariesOf([node, ...nativeAddons(image.contextDir)])) {
      archive.copy(library.slice(1), realpathSync(library), 0o755);
    }
    for (const module of kernel.modules) archive.copy(`lib/mcpf-modules/${basename(module)}`, module);
    for (const [file, text] of Object.entries(ETC)) archive.file(file, text);
    archive.file('mcpf/loader.mjs', guest.loader);
    addTree(archive, image.contextDir, 'app');
    archive.file('init', guest.init, 0o755);
  } finally {
    archive.close();
  }
}

/** busybox-static installs /bin/busybox, which is on PATH (the prerequisite check looks there too). */
export function findBusybox(): string {
  const found = findExecutable('busybox');
  if (found === undefined) {
    throw new FactoryError('TARGET_UNAVAILABLE', 'busybox is not installed', {
      hint: 'apt-get install busybox-static',
    });
  }
  return found;
}

async function librariesOf(binaries: readonly string[]): Promise<string[]> {
  const all = new Set<string>();
  for (const binary of binaries) for (const library of await sharedLibraries(binary)) all.add(library);
  return [...all].sort();
}

function nativeAddons(dir: string): string[] {
  return walk(dir).filter((file) => file.endsWith('.node') && lstatSync(file).isFile());
}

function addTree(archive: CpioArchive, source: string, target: string): void {
  archive.dir(target);
  for (const file of walk(source)) {
    const inside = `${target}/${relative(source, file).split('\\').join('/')}`;
    const stat = lstatSync(file);
    if (stat.isSymbolicLink()) archive.symlink(inside, readlinkSync(file));
    else if (stat.isDirectory()) archive.dir(inside);
    else if (stat.isFile()) archive.copy(inside, file, stat.mode & 0o777);
  }
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out.push(path);
    if (entry.isDirectory()) out.push(...walk(path));
  }
  return out;
}

/** The guest loader as one ESM file: compiled from its TypeScript source here, or copied when built. */
async function bundleLoader(): Promise<string> {
  const here = fileURLToPath(import.meta.url);
  const source = join(dirname(here), here.endsWith('.ts') ? 'guest-loader.ts' : 'guest-loader.js');
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new FactoryError('INTERNAL', 'esbuild produced no guest loader');
  return output.text;
}
