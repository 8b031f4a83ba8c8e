/** Name → row id lookups shared by the stores; each throws NOT_FOUND with a hint when the name is unknown. */
import { deploymentNotFound, serverNotFound, versionNotFound } from '../errors.js';
import { compareSemver } from '../semver.js';
import type { SqliteDatabase } from './connection.js';
import { statement } from './transaction.js';

export interface ServerRow {
  readonly id: number;
  readonly name: string;
  readonly kind: 'generated' | 'external';
  readonly latest_version_id: number | null;
}

export function findServer(db: SqliteDatabase, name: string): ServerRow | undefined {
  return statement(db, 'SELECT id, name, kind, latest_version_id FROM servers WHERE name = ?').get(name) as
    | ServerRow
    | undefined;
}

export function requireServer(db: SqliteDatabase, name: string): ServerRow {
  const server = findServer(db, name);
  if (!server) throw serverNotFound(name);
  return server;
}

export function versionsOf(db: SqliteDatabase, serverId: number): string[] {
  const rows = statement(db, 'SELECT version FROM server_versions WHERE server_id = ?').all(serverId) as {
    version: string;
  }[];
  return rows.map((row) => row.version).sort((a, b) => compareSemver(b, a));
}

/** The id of one version of a server; the latest when `version` is undefined. */
export function requireVersionId(db: SqliteDatabase, name: string, version?: string): number {
  const server = requireServer(db, name);
  if (version === undefined) {
    if (server.latest_version_id === null) throw versionNotFound(name, 'latest', []);
    return server.latest_version_id;
  }
  const row = statement(db, 'SELECT id FROM server_versions WHERE server_id = ? AND version = ?').get(
    server.id,
    version,
  ) as { id: number } | undefined;
  if (!row) throw versionNotFound(name, version, versionsOf(db, server.id));
  return row.id;
}

export function requireDeploymentSeq(db: SqliteDatabase, id: string): number {
  const row = statement(db, 'SELECT seq FROM deployments WHERE id = ?').get(id) as
    | { seq: number }
    | undefined;
  if (!row) throw deploymentNotFound(id);
  return row.seq;
}
