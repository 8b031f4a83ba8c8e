/**
 * One mutating operation (deploy, start, stop, remove) per deployment at a time, across processes: two
 * CLI invocations racing would otherwise launch two supervisors for one folder. The lock is a file that
 * holds its owner's pid; a lock whose owner has died is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { FactoryError } from '../../errors.js';
import type { DeploymentPaths } from './paths.js';
import { isProcessAlive } from './process-tree.js';

const POLL_MS = 50;

export async function withDeploymentLock<T>(
  paths: DeploymentPaths,
  operation: () => Promise<T>,
  waitMs = 60_000,
): Promise<T> {
  mkdirSync(paths.dir, { recursive: true });
  const lock = join(paths.dir, 'operation.lock');
  const deadline = Date.now() + waitMs;
  while (!tryAcquire(lock)) {
    if (Date.now() > deadline) {
      throw new FactoryError('CONFLICT', `the deployment in ${paths.dir} is busy with another operation`, {
        hint: `pid ${ownerOf(lock) ?? '?'} holds ${lock}; retry when it is done`,
      });
    }
    await sleep(POLL_MS);
  }
  try {
    return await operation();
  } finally {
    rmSync(lock, { force: true });
  }
}

function tryAcquire(lock: string): boolean {
  try {
    writeFileSync(lock, String(process.pid), { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const owner = ownerOf(lock);
  if (owner === undefined || !isProcessAlive(owner)) rmSync(lock, { force: true });
  return false;
}

function ownerOf(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, 'utf8'));
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
