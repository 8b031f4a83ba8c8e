/**
 * Reading a deployment's rotated log: the last N lines across `server.log.2`, `.1` and `server.log`, then,
 * when following, new lines as they are written. Following keeps the file descriptor open, so lines written
 * just before a rotation are still read from the renamed file before switching to the new one.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ReadLogOptions {
  readonly tail: number;
  readonly follow: boolean;
  readonly signal?: AbortSignal;
  /** Rotated files kept besides the live one. */
  readonly rotated: number;
  readonly pollMs?: number;
}

export async function* readLogLines(path: string, options: ReadLogOptions): AsyncGenerator<string> {
  const fd = tryOpen(path);
  const start = fd === undefined ? 0 : fstatSync(fd).size;
  yield* tailLines(path, options.rotated, options.tail, start);
  if (!options.follow) {
    if (fd !== undefined) closeSync(fd);
    return;
  }
  yield* follow(path, fd, start, options);
}

function tailLines(path: string, rotated: number, count: number, liveBytes: number): string[] {
  const lines: string[] = [];
  const files = [path, ...Array.from({ length: rotated }, (_, index) => `${path}.${index + 1}`)];
  for (const [index, file] of files.entries()) {
    if (lines.length >= count) break;
    const text = readText(file, index === 0 ? liveBytes : undefined);
    const fileLines = text.split('\n');
    if (fileLines.at(-1) === '') fileLines.pop();
    lines.unshift(...fileLines.slice(-(count - lines.length)));
  }
  return count === 0 ? [] : lines.slice(-count);
}

async function* follow(path: string, firstFd: number | undefined, start: number, options: ReadLogOptions) {
  let fd = firstFd;
  let position = start;
  let partial = '';
  try {
    while (options.signal?.aborted !== true) {
      if (fd !== undefined) {
        const chunk = readFrom(fd, position);
        position += chunk.length;
        const lines = (partial + chunk.toString('utf8')).split('\n');
        partial = lines.pop() ?? '';
        yield* lines;
      }
      if (fd === undefined || replaced(path, fd)) {
        if (fd !== undefined) {
          // Files rotated in since ours (several rotations within one poll) are read whole, oldest first.
          for (const file of newerRotated(path, options.rotated, fstatSync(fd).ino)) {
            const lines = (partial + readText(file)).split('\n');
            partial = lines.pop() ?? '';
            yield* lines;
          }
          closeSync(fd);
        }
        fd = tryOpen(path);
        position = 0;
        if (fd !== undefined) continue;
      }
      await sleep(options.pollMs ?? 100, undefined, { signal: options.signal }).catch(() => undefined);
    }
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function readFrom(fd: number, position: number): Buffer {
  const size = fstatSync(fd).size;
  if (size <= position) return Buffer.alloc(0);
  const buffer = Buffer.alloc(size - position);
  const read = readSync(fd, buffer, 0, buffer.length, position);
  return buffer.subarray(0, read);
}

/** Rotated files newer than the one with inode `ino`, oldest first (all of them when it is gone). */
function newerRotated(path: string, rotated: number, ino: number): string[] {
  const files: string[] = [];
  for (let index = 1; index <= rotated; index += 1) {
    const file = `${path}.${index}`;
    const fileIno = inodeOf(file);
    if (fileIno === ino) break;
    if (fileIno !== undefined) files.unshift(file);
  }
  return files;
}

function inodeOf(file: string): number | undefined {
  try {
    return statSync(file).ino;
  } catch {
    return undefined;
  }
}

/** The path now names another file (rotation) or nothing. */
function replaced(path: string, fd: number): boolean {
  try {
    return statSync(path).ino !== fstatSync(fd).ino;
  } catch {
    return true;
  }
}

function tryOpen(path: string): number | undefined {
  try {
    return openSync(path, 'r');
  } catch {
    return undefined;
  }
}

function readText(file: string, bytes?: number): string {
  try {
    const text = readFileSync(file);
    return (bytes === undefined ? text : text.subarray(0, bytes)).toString('utf8');
  } catch {
    return '';
  }
}
