/**
 * Installs heavy, test-only npm packages (the MCP Inspector, the conformance suite and the Node 22 it needs)
 * into a cache folder on first use instead of the project's devDependencies: together they pull in ~250 MB
 * (vite, react, a second SDK copy, a Node binary) that nothing but these verification tests needs.
 *
 * The folder is `$MCP_VERIFICATION_CACHE` or `node_modules/.cache/mcp-verification`, so `npm ci` in CI
 * starts clean and a developer machine installs once. Packages come from the npm registry through npm itself.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './repo-root.js';

const run = promisify(execFile);
const STAMP = 'installed.json';

export function cacheRoot(): string {
  return process.env.MCP_VERIFICATION_CACHE ?? join(repoRoot(), 'node_modules', '.cache', 'mcp-verification');
}

/**
 * Returns the folder whose node_modules holds exactly `packages` (name@version specs), installing them
 * when the folder is missing or was made for another list. Concurrent callers each install into a private
 * folder and the first rename wins, so two test files never see a half-installed tree.
 */
export async function ensureCachedPackages(name: string, packages: readonly string[]): Promise<string> {
  const dir = join(cacheRoot(), name);
  const wanted = JSON.stringify([...packages].sort());
  if ((await readStamp(dir)) === wanted) return dir;
  const staging = `${dir}.staging-${process.pid}-${Date.now()}`;
  await mkdir(staging, { recursive: true });
  try {
    await writeFile(join(staging, 'package.json'), '{ "private": true }\n');
    // --ignore-scripts: none of these packages needs an install script, and skipping them keeps the
    // install from reaching anything but the registry.
    await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', ...packages],
      {
        cwd: staging,
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((error: { stderr?: string }) => {
      throw new Error(`npm install ${packages.join(' ')} into ${staging} failed:\n${error.stderr ?? error}`);
    });
    await writeFile(join(staging, STAMP), wanted);
    await publish(staging, dir, wanted);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return dir;
}

async function readStamp(dir: string): Promise<string | undefined> {
  const stamp = join(dir, STAMP);
  return existsSync(stamp) ? readFile(stamp, 'utf8') : undefined;
}

/**
 * Moves the staged install into place. A rename onto a missing folder is atomic, so concurrent callers
 * never see a partial tree; when the rename fails, either a concurrent caller already published the same
 * list (done) or an install of another list is in the way and is replaced.
 */
async function publish(staging: string, dir: string, wanted: string): Promise<void> {
  try {
    await rename(staging, dir);
  } catch {
    if ((await readStamp(dir)) === wanted) return;
    await rm(dir, { recursive: true, force: true });
    await rename(staging, dir);
  }
}
