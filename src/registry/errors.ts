/**
 * How the registry reports failures. The database failing is operational (REGISTRY_FAILED) and says which
 * file and what to do; a name that does not exist is the user's (NOT_FOUND). Only errors that come from
 * SQLite or the file system are relabelled: anything else is a bug and propagates as is.
 */
import Database from 'better-sqlite3';
import { FactoryError } from '../errors.js';

const HINTS: Readonly<Record<string, string>> = {
  SQLITE_BUSY:
    'another mcp-factory process held the registry lock for too long; retry, and look for a stuck process',
  SQLITE_LOCKED: 'another connection holds a lock on the registry; retry',
  SQLITE_CORRUPT:
    'the registry file is damaged: move it aside (and its -wal/-shm files) to start a new one, or restore a backup',
  SQLITE_NOTADB:
    'this file is not an SQLite database: point MCP_FACTORY_HOME at another directory or move the file aside',
  SQLITE_CANTOPEN:
    'check that the directory exists and is writable, or set MCP_FACTORY_HOME to a directory you own',
  SQLITE_READONLY:
    'the registry file or its directory is read-only: fix the permissions or set MCP_FACTORY_HOME',
  SQLITE_IOERR: 'the disk reported an I/O error: check free space and the file system',
  SQLITE_FULL: 'the disk is full: free some space and retry',
  EACCES: 'fix the permissions, or set MCP_FACTORY_HOME to a directory you own',
  EPERM: 'fix the permissions, or set MCP_FACTORY_HOME to a directory you own',
  ENOTDIR: 'a file is in the way of the registry directory: set MCP_FACTORY_HOME to a directory',
  EEXIST: 'a file is in the way of the registry directory: set MCP_FACTORY_HOME to a directory',
  EROFS: 'the file system is read-only: set MCP_FACTORY_HOME to a writable directory',
  ENOSPC: 'the disk is full: free some space and retry',
};

function errorCode(error: unknown): string | undefined {
  if (error instanceof Database.SqliteError) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) ? code : undefined;
}

/** SQLite error codes are extended (SQLITE_IOERR_WRITE…): the hint table is keyed by the primary code. */
function hintFor(code: string): string | undefined {
  return HINTS[code] ?? HINTS[code.split('_').slice(0, 2).join('_')];
}

/** True for failures of the database or the file system, which are operational, not bugs. */
export function isStorageError(error: unknown): boolean {
  return errorCode(error) !== undefined;
}

export function registryFailed(location: string, action: string, error: unknown): FactoryError {
  const code = errorCode(error) ?? 'unknown';
  const reason = error instanceof Error ? error.message : String(error);
  return new FactoryError('REGISTRY_FAILED', `registry ${location}: could not ${action}: ${reason}`, {
    hint: hintFor(code) ?? 'check the registry directory (MCP_FACTORY_HOME) and retry',
    details: { location, code },
    cause: error,
  });
}

/** Run a registry step; turn storage failures into REGISTRY_FAILED and let everything else through. */
export function guard<T>(location: string, action: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    if (error instanceof FactoryError || !isStorageError(error)) throw error;
    throw registryFailed(location, action, error);
  }
}

export function serverNotFound(name: string): FactoryError {
  return new FactoryError('NOT_FOUND', `no server named "${name}" in the registry`, {
    hint: 'run `mcp-factory list` to see the registered servers',
  });
}

export function versionNotFound(name: string, version: string, known: readonly string[]): FactoryError {
  return new FactoryError('NOT_FOUND', `server "${name}" has no version ${version}`, {
    hint: `known versions: ${known.join(', ') || 'none'}`,
  });
}

export function deploymentNotFound(id: string): FactoryError {
  return new FactoryError('NOT_FOUND', `no deployment with id "${id}"`, {
    hint: 'run `mcp-factory status` to see the deployments',
  });
}
