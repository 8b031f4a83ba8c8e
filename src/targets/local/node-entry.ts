/**
 * How to run the targets' own process entries (here supervisor-main and bridge-main; microvm's
 * vm-launcher-main through `bundledEntries` too). From the compiled package they are plain `.js` files
 * next to their sources. From TypeScript source (tests, `tsx`) they are bundled with esbuild into
 * node_modules/.cache, because a TypeScript loader adds ≈0.4 s to every process start and
 * deploy-to-healthy must stay well under 2 s. Code splitting keeps the entries' dynamic imports lazy
 * (bridge-main spawns its first child before it loads the SDK).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type EntryName = 'supervisor-main' | 'bridge-main';

export interface BundledEntries<Name extends string> {
  /** The folder under node_modules/.cache that holds one bundle per version of the sources. */
  readonly cacheName: string;
  /** The folder of the entries' sources (`<entry>.ts`), and of their compiled `<entry>.js` files. */
  readonly dir: string;
  readonly entries: readonly Name[];
  /** Every `.ts` file, or folder of them, the bundle can include: a change to any of them makes a new bundle. */
  readonly sources: readonly string[];
}

const here = fileURLToPath(import.meta.url);
const compiled = here.endsWith('.js');

/** The command that runs one of these entries; the bundle is built at most once per process. */
export function bundledEntries<Name extends string>(
  spec: BundledEntries<Name>,
): (name: Name) => Promise<string[]> {
  let bundling: Promise<string> | undefined;
  return async (name) => {
    if (compiled) return [process.execPath, join(spec.dir, `${name}.js`)];
    bundling ??= bundle(spec);
    return [process.execPath, join(await bundling, `${name}.mjs`)];
  };
}

export const entryCommand = bundledEntries<EntryName>({
  cacheName: 'mcp-factory-targets',
  dir: dirname(here),
  entries: ['supervisor-main', 'bridge-main'],
  sources: [dirname(here), join(here, '..', '..', 'target.ts'), join(here, '..', '..', '..', 'errors.ts')],
});

/** One folder per version of the sources, so a stale bundle is never run and parallel builds don't clash. */
async function bundle(spec: BundledEntries<string>): Promise<string> {
  const cache = join(here, '..', '..', '..', '..', 'node_modules', '.cache', spec.cacheName);
  const outDir = join(cache, sourcesVersion(spec.sources));
  if (spec.entries.every((entry) => existsSync(join(outDir, `${entry}.mjs`)))) return outDir;
  const temp = `${outDir}.${process.pid}.tmp`;
  const { build } = await import('esbuild');
  await build({
    entryPoints: spec.entries.map((entry) => join(spec.dir, `${entry}.ts`)),
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

function sourcesVersion(sources: readonly string[]): string {
  const files = sources
    .flatMap((source) =>
      statSync(source).isDirectory() ? readdirSync(source).map((file) => join(source, file)) : [source],
    )
    .filter((file) => file.endsWith('.ts'));
  const hash = createHash('sha256');
  for (const file of files.sort()) hash.update(`${file}:${statSync(file).mtimeMs}\n`);
  return hash.digest('hex').slice(0, 16);
}
