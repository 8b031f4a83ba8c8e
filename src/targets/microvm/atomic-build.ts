/**
 * Cached build outputs appear whole or not at all: each is built in a private temp folder next to its
 * final place and renamed into it. Two processes building the same thing at once both succeed — the
 * loser of the rename discards its copy — and one process never builds the same folder twice at a time.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';

const inFlight = new Map<string, Promise<void>>();

/** Runs `build(temp)` unless `dir` already exists; `dir` exists (complete) when the promise resolves. */
export function buildOnce(dir: string, build: (temp: string) => Promise<void>): Promise<void> {
  if (existsSync(dir)) return Promise.resolve();
  const running = inFlight.get(dir);
  if (running !== undefined) return running;
  const promise = buildInto(dir, build).finally(() => inFlight.delete(dir));
  inFlight.set(dir, promise);
  return promise;
}

async function buildInto(dir: string, build: (temp: string) => Promise<void>): Promise<void> {
  mkdirSync(dirname(dir), { recursive: true });
  const temp = `${dir}.${process.pid}.${Date.now()}.tmp`;
  mkdirSync(temp, { mode: 0o700 });
  try {
    await build(temp);
    try {
      renameSync(temp, dir);
    } catch (error) {
      if (!existsSync(dir)) throw error; // another process finished the same build first: keep theirs
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
