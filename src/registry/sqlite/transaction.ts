/**
 * Write transactions start IMMEDIATE: the write lock is taken at BEGIN, so a transaction that read
 * something never fails later on upgrading its lock (SQLITE_BUSY without waiting); it waits on busy_timeout
 * at BEGIN instead, before it has read anything that could go stale.
 */
import type Database from 'better-sqlite3';
import type { SqliteDatabase } from './connection.js';

const cache = new WeakMap<SqliteDatabase, Map<string, Database.Statement>>();

export function writeTransaction<T>(db: SqliteDatabase, step: () => T): T {
  return db.transaction(step).immediate();
}

/** Prepared statements are compiled once per connection and reused. */
export function statement(db: SqliteDatabase, sql: string): Database.Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let prepared = statements.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    statements.set(sql, prepared);
  }
  return prepared;
}

export function nowIso(): string {
  return new Date().toISOString();
}
