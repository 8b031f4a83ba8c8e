/**
 * Bring the schema up to date. Applied versions are rows of `schema_migrations`; pending migrations run in
 * one IMMEDIATE transaction, so several processes opening a fresh registry at once apply them exactly once
 * (the loser of the lock re-reads the version and finds nothing left to do).
 */
import { FactoryError } from '../../errors.js';
import type { Migration } from '../migrations/index.js';
import type { SqliteDatabase } from './connection.js';
import { nowIso, writeTransaction } from './transaction.js';

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

function appliedVersion(db: SqliteDatabase): number {
  const table = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
    .get();
  if (table === undefined) return 0;
  const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
    version: number | null;
  };
  return row.version ?? 0;
}

function refuseNewer(location: string, applied: number, known: number): void {
  if (applied <= known) return;
  throw new FactoryError(
    'REGISTRY_FAILED',
    `registry ${location} has schema version ${applied}, newer than this mcp-factory knows (${known})`,
    {
      hint: 'a newer mcp-factory wrote it: upgrade mcp-factory, or set MCP_FACTORY_HOME to another directory',
      details: { location, schemaVersion: applied, knownVersion: known },
    },
  );
}

/** Returns the migrations that this call applied (empty when the schema was already current). */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[], location: string): Migration[] {
  const known = migrations.at(-1)?.version ?? 0;
  const before = appliedVersion(db);
  refuseNewer(location, before, known);
  if (before === known) return [];
  return writeTransaction(db, () => {
    db.exec(CREATE_TABLE);
    const current = appliedVersion(db);
    refuseNewer(location, current, known);
    const pending = migrations.filter((migration) => migration.version > current);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of pending) {
      db.exec(migration.up);
      record.run(migration.version, migration.name, nowIso());
    }
    return pending;
  });
}

export function schemaVersion(db: SqliteDatabase): number {
  return appliedVersion(db);
}
