/**
 * Opening the SQLite file with the settings every registry connection needs.
 *
 * - WAL: readers never block the writer and vice versa, so `mcp-factory status` stays fast while a
 *   supervisor writes health checks.
 * - busy_timeout: a writer that finds the lock taken waits (up to BUSY_TIMEOUT_MS) instead of failing;
 *   with IMMEDIATE transactions (see transaction.ts) every writer queues on that one lock.
 * - synchronous=FULL: in WAL mode NORMAL already survives a killed process, but a power loss or OS crash
 *   can drop the last commits. The registry acknowledges things a user acts on (a version was recorded, a
 *   deployment is running with pid N); its writes are few and small, so one fsync per commit costs little
 *   (measured in bench/registry.bench.ts) and buys "acknowledged means on disk".
 * - foreign_keys: the schema relies on ON DELETE CASCADE.
 */
import Database from 'better-sqlite3';
import { FactoryError } from '../../errors.js';

export const BUSY_TIMEOUT_MS = 10_000;

export type SqliteDatabase = Database.Database;

export function openDatabase(file: string): SqliteDatabase {
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  try {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') {
      throw new FactoryError(
        'REGISTRY_FAILED',
        `registry ${file}: could not switch to WAL mode (${String(mode)})`,
        {
          hint: 'the registry needs a writable directory on a local file system: set MCP_FACTORY_HOME',
        },
      );
    }
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
