/**
 * A new project is written into a temporary sibling, `.<name>.mcp-factory-<pid>-<random>`, and renamed into
 * place (write.ts). A process killed with SIGKILL cannot remove that folder, so the next create in the same
 * parent finds it here. Only folders whose creator is gone are returned — its pid no longer runs, or the
 * folder is older than STALE_AFTER_MS (a pid can be reused; a create takes well under a second) — so another
 * run's folder that is being written right now is never touched. Names without a pid (written before the pid
 * was recorded) are judged by age alone.
 */
import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { MANIFEST_PATH } from './manifest.js';

export const STALE_AFTER_MS = 60 * 60 * 1000;

const TEMP_NAME = /^\.(.+)\.mcp-factory-(?:(\d+)-)?[0-9a-f]{12}$/;

export interface InterruptedWrite {
  /** The temporary folder. */
  readonly temp: string;
  /** The project folder it was meant to become. */
  readonly target: string;
  /** Every file was written (the manifest is written last): it can be renamed into place. */
  readonly complete: boolean;
}

/** The temporary sibling a new project at `dir` is written into. */
export function tempFolderFor(dir: string, parent: string): string {
  return join(parent, `.${basename(dir)}.mcp-factory-${process.pid}-${randomBytes(6).toString('hex')}`);
}

export async function findInterruptedWrites(parent: string, nowMs = Date.now()): Promise<InterruptedWrite[]> {
  const names = await readdir(parent).catch(() => [] as string[]);
  const found: InterruptedWrite[] = [];
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match) continue;
    const temp = join(parent, name);
    const info = await stat(temp).catch(() => undefined);
    if (!info?.isDirectory()) continue;
    const pid = match[2] === undefined ? undefined : Number(match[2]);
    const old = nowMs - info.mtimeMs > STALE_AFTER_MS;
    if (!old && (pid === undefined || isRunning(pid))) continue;
    const complete = (await stat(join(temp, MANIFEST_PATH)).catch(() => undefined)) !== undefined;
    found.push({ temp, target: join(parent, match[1]!), complete });
  }
  return found;
}

/** Renames a complete temp folder into place; false when the target exists by now (then nothing moves). */
export async function adoptInterruptedWrite(write: InterruptedWrite): Promise<boolean> {
  if (!write.complete || (await stat(write.target).catch(() => undefined)) !== undefined) return false;
  await rename(write.temp, write.target);
  return true;
}

export async function discardInterruptedWrite(write: InterruptedWrite): Promise<void> {
  await rm(write.temp, { recursive: true, force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs under another user — alive, and not ours to judge.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
