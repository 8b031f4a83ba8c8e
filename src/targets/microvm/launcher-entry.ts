/**
 * How the supervisor runs the VM launcher (vm-launcher-main): from the compiled package, the `.js` file
 * next to this one; from TypeScript sources (tests, tsx), a bundle built once per version of the sources
 * into node_modules/.cache — the same arrangement as local/node-entry.ts, for the same reason (a
 * TypeScript loader would add ≈0.4 s to every start).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ENTRY = 'vm-launcher-main';
const here = fileURLToPath(import.meta.url);
let bundling: Promise<string> | undefined;

export async function launcherCommand(): Promise<string[]> {
  const dir = dirname(here);
  if (here.endsWith('.js')) return [process.execPath, join(dir, `${ENTRY}.js`)];
  bundling ??= bundleLauncher(dir);
  return [process.execPath, await bundling];
}

async function bundleLauncher(sourceDir: string): Promise<string> {
  const cache = join(sourceDir, '..', '..', '..', 'node_modules', '.cache', 'mcp-factory-microvm');
  const file = join(cache, sourcesVersion(sourceDir), `${ENTRY}.mjs`);
  if (existsSync(file)) return file;
  const temp = `${dirname(file)}.${process.pid}.tmp`;
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(sourceDir, `${ENTRY}.ts`)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: temp,
    outExtension: { '.js': '.mjs' },
    packages: 'external',
    logLevel: 'silent',
  });
  mkdirSync(cache, { recursive: true });
  try {
    renameSync(temp, dirname(file));
  } catch {
    rmSync(temp, { recursive: true, force: true }); // another process won the race with the same bundle
  }
  return file;
}

function sourcesVersion(sourceDir: string): string {
  const dirs = [sourceDir, join(sourceDir, '..', 'local')];
  const files = dirs
    .flatMap((dir) => readdirSync(dir).map((file) => join(dir, file)))
    .filter((f) => f.endsWith('.ts'));
  const hash = createHash('sha256');
  for (const file of files.sort()) hash.update(`${file}:${statSync(file).mtimeMs}\n`);
  return hash.digest('hex').slice(0, 16);
}
