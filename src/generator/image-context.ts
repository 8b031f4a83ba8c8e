/**
 * stageImageContext(): the self-contained folder image-based targets (Docker, microVM) package — the bundle,
 * real copies of the native packages it loads (a symlink into the factory's node_modules means nothing
 * inside a container or a guest), an empty `data/` (the working directory), and the prebuilt-context
 * Dockerfile. Built in a temporary sibling and
 * renamed into place, so a target never sees half a context.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { FactoryError } from '../errors.js';
import { factoryRoot } from './templates.js';

export interface ImageContext {
  readonly contextDir: string;
  /** Relative to `contextDir`. */
  readonly entry: string;
  /** File name of the Dockerfile in `contextDir`. */
  readonly dockerfile: string;
}

export interface StageImageOptions {
  /** The bundle written by `bundle()` (`<project>/dist/server.mjs`). */
  readonly bundleFile: string;
  /** Native packages the bundle loads from `dist/node_modules` (`BundleResult.linked`). */
  readonly nativePackages: readonly string[];
  readonly dockerfile: string;
  /** Where the context goes; replaced whole. */
  readonly outDir: string;
  readonly factory?: string;
}

/** Packages a native package needs only to install itself, never at run time. */
const INSTALL_ONLY = new Set(['prebuild-install', 'node-gyp', 'node-addon-api', 'nan']);
/** Parts of a native package that only its build uses (C sources, object files, the amalgamation). */
const BUILD_ONLY = new Set(['deps', 'src', 'test', 'obj', 'obj.target', '.deps', 'binding.gyp']);

const ENTRY = 'dist/server.mjs';
const DOCKERFILE = 'Dockerfile';

export async function stageImageContext(options: StageImageOptions): Promise<ImageContext> {
  const factory = options.factory ?? factoryRoot();
  const temp = `${options.outDir}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(join(temp, 'dist'), { recursive: true });
    // Copied to /data with the server's owner: the working directory, writable on a read-only root.
    await mkdir(join(temp, 'data'));
    await cp(options.bundleFile, join(temp, ENTRY));
    const modules = join(temp, 'dist', 'node_modules');
    for (const name of await withRuntimeDependencies(options.nativePackages, factory)) {
      const source = join(factory, 'node_modules', name);
      await cp(source, join(modules, name), {
        recursive: true,
        dereference: true,
        filter: (path) => path === source || !(BUILD_ONLY.has(basename(path)) || path.endsWith('.a')),
      });
    }
    await writeFile(join(temp, DOCKERFILE), options.dockerfile);
    await rm(options.outDir, { recursive: true, force: true });
    await mkdir(dirname(options.outDir), { recursive: true });
    await rename(temp, options.outDir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    if (error instanceof FactoryError) throw error;
    throw new FactoryError('RUNTIME_FAILED', `could not stage the image context in ${options.outDir}`, {
      cause: error,
    });
  }
  return { contextDir: options.outDir, entry: ENTRY, dockerfile: DOCKERFILE };
}

/** The packages plus, transitively, what they need at run time (e.g. better-sqlite3 → bindings → …). */
async function withRuntimeDependencies(names: readonly string[], factory: string): Promise<string[]> {
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (seen.has(name) || INSTALL_ONLY.has(name)) continue;
    seen.add(name);
    const manifestFile = join(factory, 'node_modules', name, 'package.json');
    let manifest: { dependencies?: Record<string, string> };
    try {
      manifest = JSON.parse(await readFile(manifestFile, 'utf8')) as typeof manifest;
    } catch (error) {
      throw new FactoryError('RUNTIME_FAILED', `the factory has no ${name} to copy into the image`, {
        hint: `looked for ${relative(factory, manifestFile).split(sep).join('/')}`,
        cause: error,
      });
    }
    queue.push(...Object.keys(manifest.dependencies ?? {}));
  }
  return [...seen].sort();
}
