/**
 * How to run this folder's own process entries (supervisor-main, bridge-main). From the compiled package
 * they are plain `.js` files next to this one. From TypeScript source (tests, `tsx`) they are bundled with
 * esbuild into node_modules/.cache, because a TypeScript loader adds ≈0.4 s to every process start and
 * deploy-to-healthy must stay well under 2 s. Code splitting keeps the entries' dynamic imports lazy
 * (bridge-main spawns its first child before it loads the SDK).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type EntryName = 'supervisor-main' | 'bridge-main';

const ENTRIES: readonly EntryName[] = ['supervisor-main', 'bridge-main'];
const here = fileURLToPath(import.meta.url);
let bundling: Promise<string> | undefined;

export async function entryCommand(name: EntryName): Promise<string[]> {
  const dir = dirname(here);
  if (here.endsWith('.js')) return [process.execPath, join(dir, `${name}.js`)];
  bundling ??= bundleEntries(dir);
  return [process.execPath, join(await bundling, `${name}.mjs`)];
}

/** One folder per version of the sources, so a stale bundle is never run and parallel builds don't clash. */
async function bundleEntries(sourceDir: string): Promise<string> {
  const cache = join(sourceDir, '..', '..', '..', 'node_modules', '.cache', 'mcp-factory-targets');
  const outDir = join(cache, sourcesVersion(sourceDir));
  if (existsSync(join(outDir, 'bridge-main.mjs'))) return outDir;
  const temp = `${outDir}.${process.pid}.tmp`;
  const { build } = await import('esbuild');
  await build({
    entryPoints: ENTRIES.map((entry) => join(sourceDir, `${entry}.ts`)),
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: temp,
    outExtension: { '.js': '.mjs' },
    packages: 'external', // resolved from the project's node_modules, which encloses the cache folder
    logLevel: 'silent',
  });
  mkdirSync(cache, { recursive: true });
  try {
    renameSync(temp, outDir);
  } catch {
    rmSync(temp, { recursive: true, force: true }); // another process won the race with the same bundle
  }
  return outDir;
}

function sourcesVersion(sourceDir: string): string {
  const files = [
    ...readdirSync(sourceDir).map((file) => join(sourceDir, file)),
    join(sourceDir, '..', 'target.ts'),
    join(sourceDir, '..', '..', 'errors.ts'),
  ].filter((file) => file.endsWith('.ts'));
  const hash = createHash('sha256');
  for (const file of files.sort()) hash.update(`${file}:${statSync(file).mtimeMs}\n`);
  return hash.digest('hex').slice(0, 16);
}
