/** Open (creating if needed) the SQLite registry in a home directory and bring its schema up to date. */
import { mkdirSync } from 'node:fs';
import { guard } from '../errors.js';
import { registryFile } from '../home.js';
import { MIGRATIONS, type Migration } from '../migrations/index.js';
import type { Registry } from '../registry.js';
import { openDatabase } from './connection.js';
import { migrate } from './migrate.js';
import { SqliteRegistry } from './sqlite-registry.js';

export interface SqliteRegistryOptions {
  /** The factory's data directory (see resolveHome); the database is `<home>/registry.db`. */
  readonly home: string;
  /** Tests only: a different migration list (e.g. to simulate a newer schema). */
  readonly migrations?: readonly Migration[];
}

export async function openSqliteRegistry(options: SqliteRegistryOptions): Promise<Registry> {
  const file = registryFile(options.home);
  guard(options.home, 'create the registry directory', () =>
    mkdirSync(options.home, { recursive: true, mode: 0o700 }),
  );
  const db = guard(file, 'open the database', () => openDatabase(file));
  try {
    guard(file, 'update the schema', () => migrate(db, options.migrations ?? MIGRATIONS, file));
  } catch (error) {
    db.close();
    throw error;
  }
  return new SqliteRegistry(db, file);
}
