/**
 * bundle(dir): one-file esbuild bundle of a generated server (dist/server.mjs), for a fast start without a
 * network install (local target, microVM rootfs). Packages resolve from the FACTORY's node_modules
 * (`nodePaths`), so the project needs no `npm install` of its own.
 *
 * Native code cannot be bundled: `better-sqlite3` (and the optional `pg-native`) stay external. So that
 * `import('better-sqlite3')` in the bundle still resolves, `dist/node_modules/better-sqlite3` is made a
 * symlink to the factory's copy (Node resolves dist/node_modules first, then follows the link to its real
 * location, where its own dependencies live). For a bundle that must work elsewhere (a VM image), copy
 * that package folder — with its `build/Release/*.node` — into `dist/node_modules/` instead.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FactoryError } from '../errors.js';
import { factoryRoot } from './templates.js';

export interface BundleResult {
  /** Absolute path of the bundle (`<dir>/dist/server.mjs`). */
  readonly file: string;
  readonly bytes: number;
  readonly ms: number;
  /** Packages left out of the bundle (loaded from node_modules at run time). */
  readonly external: readonly string[];
  /** External packages linked into dist/node_modules so the bundle finds them. */
  readonly linked: readonly string[];
}

const NATIVE_PACKAGES = ['better-sqlite3'];
/**
 * Drivers the runtime loads with dynamic `import()` only for features a spec uses. Those the project does
 * not depend on stay out of the bundle: their code never runs, and leaving them out keeps start-up fast.
 */
const OPTIONAL_DRIVERS = [
  'pg',
  'mysql2',
  'better-sqlite3',
  'ioredis',
  'amqplib',
  'croner',
  'chokidar',
  'jose',
];
/** Optional peers that drivers try to load and that we never install. */
const OPTIONAL_PEERS = ['pg-native', 'pg-cloudflare'];

/**
 * ESM output that contains CommonJS dependencies needs a `require` for the Node builtins they load
 * (esbuild's own shim uses it when defined); `__mcpCreateRequire` cannot clash with bundled identifiers.
 */
const BANNER =
  "import { createRequire as __mcpCreateRequire } from 'node:module';\nconst require = __mcpCreateRequire(import.meta.url);";

export async function bundle(dir: string, factory: string = factoryRoot()): Promise<BundleResult> {
  const { build } = await import('esbuild');
  const started = performance.now();
  const file = join(dir, 'dist', 'server.mjs');
  const dependencies = await projectDependencies(dir);
  const native = NATIVE_PACKAGES.filter((name) => dependencies.has(name));
  const unused = OPTIONAL_DRIVERS.filter((name) => !dependencies.has(name));
  const external = [...new Set([...native, ...unused, ...OPTIONAL_PEERS])].sort();
  let code: Uint8Array;
  try {
    const output = await build({
      absWorkingDir: dir,
      entryPoints: [join(dir, 'src', 'index.ts')],
      outfile: file,
      write: false,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      nodePaths: [join(factory, 'node_modules')],
      external,
      banner: { js: BANNER },
      legalComments: 'none',
      logLevel: 'silent',
    });
    code = output.outputFiles[0]!.contents;
  } catch (error) {
    throw new FactoryError('RUNTIME_FAILED', `could not bundle ${dir}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  // A server may be starting from the previous bundle (a redeploy): replace the file, never rewrite it.
  await replace(file, (temp) => writeFile(temp, code));
  const linked = await linkPackages(dir, native, factory);
  return { file, bytes: code.byteLength, ms: performance.now() - started, external, linked };
}

/** The run-time dependencies in the project's package.json. */
async function projectDependencies(dir: string): Promise<Set<string>> {
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  return new Set(Object.keys(manifest.dependencies ?? {}));
}

async function linkPackages(dir: string, names: readonly string[], factory: string): Promise<string[]> {
  const modules = join(dir, 'dist', 'node_modules');
  for (const name of names) {
    const target = join(factory, 'node_modules', name);
    await stat(target).catch((error: unknown) => {
      throw new FactoryError('RUNTIME_FAILED', `the factory has no ${name} to link next to the bundle`, {
        cause: error,
      });
    });
    await replace(join(modules, name), (temp) => symlink(target, temp, 'dir'));
  }
  return [...names];
}

/** Create `path` under a temporary name, then rename it into place (atomic for files and links). */
async function replace(path: string, create: (temp: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await create(temp);
    await rename(temp, path).catch(async () => {
      // A real folder there (a copied package) cannot be renamed over: remove it first.
      await rm(path, { recursive: true, force: true });
      await rename(temp, path);
    });
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}
