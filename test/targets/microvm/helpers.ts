/**
 * Shared set-up for the microvm target tests: the real notes server packaged as an image, a throwaway
 * home and artifact cache, and checks that nothing (QEMU process, file) is left behind.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const QEMU = process.env.MCP_TEST_QEMU;
export const TITLE =
  QEMU === undefined
    ? 'microvm target (skipped: set MCP_TEST_QEMU to the path of qemu-system-x86_64)'
    : 'microvm target (QEMU)';

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** pids of QEMU processes whose command line mentions `needle` (a test's own cache folder). */
export function qemuProcesses(needle: string): number[] {
  let out = '';
  try {
    out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return out
    .split('\n')
    .filter((line) => line.includes('qemu-system') && line.includes(needle))
    .map((line) => Number(line.trim().split(/\s+/)[0]));
}

/** Every regular file under `dir`. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

/** Whether any of `files` contains `needle` as bytes (large files are read in one go: test-only). */
export function filesContaining(files: readonly string[], needle: string): string[] {
  const bytes = Buffer.from(needle);
  return files.filter((file) => statSync(file).size > 0 && readFileSync(file).includes(bytes));
}
