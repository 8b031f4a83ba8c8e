/**
 * Type-checks several generated projects with ONE `tsc` run: a tsconfig in their parent folder with the
 * projects' own compiler options and every project's src/ and test/. Loading the SDK's and zod's
 * declarations once instead of once per project is most of the saving (tsc costs 5–20 s per project here).
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './repo-root.js';

const run = promisify(execFile);

/** Returns tsc's diagnostics ('' when the projects type-check). */
export async function typecheckTogether(parent: string, projects: readonly string[]): Promise<string> {
  const first = projects[0];
  if (first === undefined) return '';
  const own = JSON.parse(await readFile(join(first, 'tsconfig.json'), 'utf8')) as {
    compilerOptions: Record<string, unknown>;
  };
  const { outDir: _outDir, rootDir: _rootDir, ...compilerOptions } = own.compilerOptions;
  const include = projects.flatMap((dir) => [`${basename(dir)}/src`, `${basename(dir)}/test`]);
  // `types: ["node"]` resolves from the tsconfig's folder, so the parent needs node_modules too.
  const modules = join(parent, 'node_modules');
  if (!existsSync(modules)) await symlink(join(repoRoot(), 'node_modules'), modules, 'dir');
  const config = join(parent, 'tsconfig.verify.json');
  await writeFile(
    config,
    JSON.stringify({ compilerOptions: { ...compilerOptions, noEmit: true }, include }, null, 2),
  );
  const tsc = join(repoRoot(), 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    await run(process.execPath, [tsc, '-p', config], { cwd: parent, maxBuffer: 16 * 1024 * 1024 });
    return '';
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    return `${stdout ?? ''}${stderr ?? ''}` || String(error);
  }
}
