/**
 * How to run this folder's own process entries (supervisor-main, bridge-main). From the compiled package
 * they are plain `.js` files next to this one. From TypeScript source (tests, `tsx`) they are bundled once
 * with esbuild into node_modules/.cache, because a TypeScript loader adds ≈0.4 s to every process start
 * and deploy-to-healthy must stay well under 2 s.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type EntryName = 'supervisor-main' | 'bridge-main';

const here = fileURLToPath(import.meta.url);
const building = new Map<EntryName, Promise<string>>();

export async function entryCommand(name: EntryName): Promise<string[]> {
  const dir = dirname(here);
  if (here.endsWith('.js')) return [process.execPath, join(dir, `${name}.js`)];
  let script = building.get(name);
  if (script === undefined) {
    script = bundleEntry(dir, name);
    building.set(name, script);
  }
  return [process.execPath, await script];
}

async function bundleEntry(sourceDir: string, name: EntryName): Promise<string> {
  const outDir = join(sourceDir, '..', '..', '..', 'node_modules', '.cache', 'mcp-factory-targets');
  const outFile = join(outDir, `${name}.mjs`);
  if (existsSync(outFile) && statSync(outFile).mtimeMs > newestSource(sourceDir)) return outFile;
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(sourceDir, `${name}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external', // resolved from the project's node_modules, which encloses the cache folder
    write: false,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error(`esbuild produced no output for ${name}`);
  mkdirSync(outDir, { recursive: true });
  // Parallel test files may bundle at once: write aside, then rename into place.
  const temp = `${outFile}.${process.pid}.tmp`;
  writeFileSync(temp, output.contents);
  renameSync(temp, outFile);
  return outFile;
}

function newestSource(sourceDir: string): number {
  const files = [
    ...readdirSync(sourceDir).map((file) => join(sourceDir, file)),
    join(sourceDir, '..', 'target.ts'),
    join(sourceDir, '..', '..', 'errors.ts'),
  ];
  return Math.max(...files.filter((file) => file.endsWith('.ts')).map((file) => statSync(file).mtimeMs));
}
