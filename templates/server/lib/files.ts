/**
 * The `file` implementation: read / write / list / stat / delete below a root directory taken from the
 * connection's env var. Nothing outside the root is reachable: absolute paths and `..` segments are
 * refused outright, and every path is resolved through symlinks (`realpath`) and checked to still be
 * inside the root before it is touched. (A process that can swap directories for symlinks inside the root
 * between the check and the use could still race it; the root is meant for files this server owns.)
 *
 * Results: read → { path, content, size }   write → { path, size }   stat → { path, type, size, modified }
 *          list → [{ name, path, type, size }] (wrapped as { items })   delete → { path, deleted: true }
 */
import { lstat, mkdir, readdir, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import type { FilesystemRoot } from './connections.js';
import { ToolError } from './contract.js';

export type FileOperation = 'read' | 'write' | 'list' | 'stat' | 'delete';

export interface FileRequest {
  readonly operation: FileOperation;
  /** Path relative to the root, as the client sent it ('' or '.' is the root itself). */
  readonly path: unknown;
  readonly content?: unknown;
}

export const MAX_READ_BYTES = 5 * 1024 * 1024;

type EntryType = 'file' | 'directory' | 'symlink' | 'other';

export async function runFileOperation(fs: FilesystemRoot, request: FileRequest): Promise<unknown> {
  const rel = checkRelativePath(request.path, request.operation === 'list');
  if ((request.operation === 'write' || request.operation === 'delete') && fs.readOnly) {
    throw new ToolError(`the filesystem is read-only: ${request.operation} is not allowed`);
  }
  try {
    return await dispatch(fs, rel, request);
  } catch (error) {
    throw relativeError(error, rel);
  }
}

function dispatch(fs: FilesystemRoot, rel: string, request: FileRequest): Promise<unknown> {
  switch (request.operation) {
    case 'read':
      return readOne(fs, rel);
    case 'write':
      return writeOne(fs, rel, request.content);
    case 'list':
      return listDir(fs, rel);
    case 'stat':
      return statOne(fs, rel);
    case 'delete':
      return deleteOne(fs, rel);
  }
}

const ERRNO_MESSAGES: Record<string, string> = {
  ENOENT: 'not found',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'no space left on the device',
  EROFS: 'the file system is read-only',
};

/** File system errors name absolute paths; the client only ever sees its own relative path. */
function relativeError(error: unknown, rel: string): unknown {
  if (error instanceof ToolError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const message = code ? ERRNO_MESSAGES[code] : undefined;
  return message ? new ToolError(`${message}: ${rel || '.'}`) : error;
}

/** Refuses what can never be inside the root, before touching the disk. Returns a normalized relative path. */
export function checkRelativePath(value: unknown, allowRoot: boolean): string {
  const raw = value === undefined || value === null ? '' : value;
  if (typeof raw !== 'string') throw new ToolError('path must be a string');
  if (raw.includes('\0')) throw new ToolError('path must not contain NUL characters');
  if (isAbsolute(raw) || /^[A-Za-z]:/.test(raw) || raw.startsWith('\\')) {
    throw new ToolError('path must be relative to the root directory');
  }
  const parts = raw.split(/[\\/]+/).filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new ToolError('path must not contain ".."');
  if (parts.length === 0 && !allowRoot) throw new ToolError('path must name a file below the root directory');
  return parts.join('/');
}

function inside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The real path of an existing entry, which must still be inside the root. */
async function resolveExisting(fs: FilesystemRoot, rel: string): Promise<string> {
  let real: string;
  try {
    real = await realpath(join(fs.root, rel));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ToolError(`not found: ${rel || '.'}`);
    throw error;
  }
  if (!inside(fs.root, real)) throw new ToolError(`path leaves the root directory: ${rel}`);
  return real;
}

async function readOne(fs: FilesystemRoot, rel: string) {
  const real = await resolveExisting(fs, rel);
  const info = await stat(real);
  if (!info.isFile()) throw new ToolError(`not a file: ${rel}`);
  if (info.size > MAX_READ_BYTES) throw new ToolError(`file too large to read (${info.size} bytes): ${rel}`);
  return { path: rel, content: await readFile(real, 'utf8'), size: info.size };
}

async function writeOne(fs: FilesystemRoot, rel: string, content: unknown) {
  if (typeof content !== 'string') throw new ToolError('content must be a string');
  const target = join(fs.root, rel);
  await ensureParentInside(fs, rel);
  const existing = await lstat(target).catch(() => undefined);
  if (existing?.isSymbolicLink()) await resolveExisting(fs, rel);
  if (existing?.isDirectory()) throw new ToolError(`is a directory: ${rel}`);
  await writeFile(target, content, 'utf8');
  return { path: rel, size: Buffer.byteLength(content, 'utf8') };
}

/** Checks the deepest existing ancestor before creating anything, so mkdir never follows a link out. */
async function ensureParentInside(fs: FilesystemRoot, rel: string): Promise<void> {
  const parentRel = dirname(rel) === '.' ? '' : dirname(rel);
  const parts = parentRel ? parentRel.split('/') : [];
  let existing = parts.length;
  while (existing > 0 && !(await lstat(join(fs.root, ...parts.slice(0, existing))).catch(() => undefined))) {
    existing--;
  }
  await resolveExisting(fs, parts.slice(0, existing).join('/'));
  if (existing < parts.length) await mkdir(join(fs.root, ...parts), { recursive: true });
}

async function listDir(fs: FilesystemRoot, rel: string) {
  const real = await resolveExisting(fs, rel);
  if (!(await stat(real)).isDirectory()) throw new ToolError(`not a directory: ${rel || '.'}`);
  const entries = await readdir(real, { withFileTypes: true });
  const sorted = entries.sort((a, b) => a.name.localeCompare(b.name));
  return Promise.all(
    sorted.map(async (entry) => {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      const info = await lstat(join(real, entry.name)).catch(() => undefined);
      return { name: entry.name, path, type: entryType(info), size: info?.isFile() ? info.size : 0 };
    }),
  );
}

async function statOne(fs: FilesystemRoot, rel: string) {
  const real = await resolveExisting(fs, rel);
  const info = await stat(real);
  return { path: rel || '.', type: entryType(info), size: info.size, modified: info.mtime.toISOString() };
}

async function deleteOne(fs: FilesystemRoot, rel: string) {
  const real = await resolveExisting(fs, rel);
  const info = await lstat(join(fs.root, rel));
  if (!info.isFile() && !info.isSymbolicLink()) throw new ToolError(`not a file: ${rel}`);
  await rm(info.isSymbolicLink() ? join(fs.root, rel) : real);
  return { path: rel, deleted: true };
}

function entryType(
  info: { isFile(): boolean; isDirectory(): boolean; isSymbolicLink(): boolean } | undefined,
): EntryType {
  if (!info) return 'other';
  if (info.isSymbolicLink()) return 'symlink';
  if (info.isFile()) return 'file';
  return info.isDirectory() ? 'directory' : 'other';
}
