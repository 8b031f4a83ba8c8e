/** Servers, their versions, tools and dependencies: recording, reading and removing. */
import { FactoryError } from '../../errors.js';
import { specHash } from '../canonical-json.js';
import type {
  DependencyRecord,
  RecordResult,
  RemovalSummary,
  ServerKind,
  ServerTransport,
  ServerVersion,
  ToolInput,
  ToolRecord,
  VersionInput,
  VersionSummary,
} from '../records.js';
import { nameSearchText } from '../search-text.js';
import { compareSemver } from '../semver.js';
import { checkVersionInput } from '../validate.js';
import type { SqliteDatabase } from './connection.js';
import { findServer, requireServer, requireVersionId, type ServerRow, versionsOf } from './lookup.js';
import { nowIso, statement, writeTransaction } from './transaction.js';

interface VersionRow {
  id: number;
  version: string;
  description: string;
  spec_json: string;
  spec_hash: string;
  artifact_dir: string | null;
  transport: string | null;
  remote_url: string | null;
  tool_count: number;
  created_at: string;
}

function kindConflict(server: ServerRow, kind: ServerKind): FactoryError {
  return new FactoryError(
    'CONFLICT',
    `a ${server.kind} server named "${server.name}" is already registered`,
    {
      hint: `choose another name for the ${kind} server, or remove the existing one first`,
    },
  );
}

function versionConflict(name: string, version: string): FactoryError {
  return new FactoryError(
    'CONFLICT',
    `server "${name}" version ${version} is already registered with a different spec`,
    { hint: `bump the version in the spec (a version's content never changes once registered), then retry` },
  );
}

function insertTools(db: SqliteDatabase, versionId: number, tools: readonly ToolInput[]): void {
  const insert = statement(
    db,
    `INSERT INTO tools (version_id, name, name_words, description, parameters_json, implementation)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const tool of tools) {
    const parameters = JSON.stringify(tool.parameters ?? {});
    insert.run(
      versionId,
      tool.name,
      nameSearchText(tool.name),
      tool.description,
      parameters,
      tool.implementation,
    );
  }
}

function insertVersion(db: SqliteDatabase, serverId: number, input: VersionInput, hash: string): number {
  const result = statement(
    db,
    `INSERT INTO server_versions (server_id, version, description, spec_json, spec_hash, artifact_dir,
       transport, remote_url, tool_count, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    serverId,
    input.version,
    input.description,
    // Stored as given: key order is meaningful (parameters keep their order in generated code).
    JSON.stringify(input.spec),
    hash,
    input.artifactDir ?? null,
    input.transport ?? null,
    input.remoteUrl ?? null,
    input.tools.length,
    nowIso(),
  );
  const versionId = Number(result.lastInsertRowid);
  insertTools(db, versionId, input.tools);
  const dependency = statement(
    db,
    'INSERT OR REPLACE INTO dependencies (version_id, kind, name, detail, required, secret) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const dep of input.dependencies ?? []) {
    dependency.run(
      versionId,
      dep.kind,
      dep.name,
      dep.detail ?? '',
      dep.required === false ? 0 : 1,
      dep.secret ? 1 : 0,
    );
  }
  return versionId;
}

function versionString(db: SqliteDatabase, versionId: number | null): string | undefined {
  if (versionId === null) return undefined;
  const row = statement(db, 'SELECT version FROM server_versions WHERE id = ?').get(versionId) as
    | { version: string }
    | undefined;
  return row?.version;
}

/** Keep `servers.latest_version_id` on the highest semver; returns the latest version string. */
function updateLatest(db: SqliteDatabase, server: ServerRow, versionId: number, version: string): string {
  const current = versionString(db, server.latest_version_id);
  if (current !== undefined && compareSemver(version, current) <= 0) return current;
  statement(db, 'UPDATE servers SET latest_version_id = ? WHERE id = ?').run(versionId, server.id);
  return version;
}

function ensureServer(db: SqliteDatabase, name: string, kind: ServerKind): ServerRow {
  const existing = findServer(db, name);
  if (existing) {
    if (existing.kind !== kind) throw kindConflict(existing, kind);
    return existing;
  }
  statement(db, 'INSERT INTO servers (name, kind, created_at) VALUES (?, ?, ?)').run(name, kind, nowIso());
  return findServer(db, name)!;
}

export function recordVersion(db: SqliteDatabase, input: VersionInput): RecordResult {
  checkVersionInput(input);
  const hash = specHash(input.spec);
  const kind = input.kind ?? 'generated';
  return writeTransaction(db, () => {
    const server = ensureServer(db, input.name, kind);
    const existing = statement(
      db,
      'SELECT id, spec_hash FROM server_versions WHERE server_id = ? AND version = ?',
    ).get(server.id, input.version) as { id: number; spec_hash: string } | undefined;
    const base = { name: input.name, version: input.version, specHash: hash };
    if (existing) {
      if (existing.spec_hash !== hash) throw versionConflict(input.name, input.version);
      // The same spec generated again, possibly into another directory: remember where it is now.
      if (input.artifactDir) {
        statement(db, 'UPDATE server_versions SET artifact_dir = ? WHERE id = ?').run(
          input.artifactDir,
          existing.id,
        );
      }
      return { ...base, created: false, latestVersion: versionString(db, server.latest_version_id)! };
    }
    const versionId = insertVersion(db, server.id, input, hash);
    return { ...base, created: true, latestVersion: updateLatest(db, server, versionId, input.version) };
  });
}

function toolsOf(db: SqliteDatabase, versionId: number): ToolRecord[] {
  const rows = statement(
    db,
    'SELECT name, description, parameters_json, implementation FROM tools WHERE version_id = ? ORDER BY id',
  ).all(versionId) as {
    name: string;
    description: string;
    parameters_json: string;
    implementation: string;
  }[];
  return rows.map((row) => ({
    name: row.name,
    description: row.description,
    parameters: JSON.parse(row.parameters_json) as unknown,
    implementation: row.implementation,
  }));
}

function dependenciesOf(db: SqliteDatabase, versionId: number): DependencyRecord[] {
  const rows = statement(
    db,
    'SELECT kind, name, detail, required, secret FROM dependencies WHERE version_id = ? ORDER BY kind, name',
  ).all(versionId) as (Omit<DependencyRecord, 'required' | 'secret'> & {
    required: number;
    secret: number;
  })[];
  return rows.map((row) => ({ ...row, required: row.required === 1, secret: row.secret === 1 }));
}

export function getVersion(db: SqliteDatabase, name: string, version?: string): ServerVersion {
  const versionId = requireVersionId(db, name, version);
  const server = requireServer(db, name);
  const row = statement(db, 'SELECT * FROM server_versions WHERE id = ?').get(versionId) as VersionRow;
  return {
    name,
    version: row.version,
    kind: server.kind,
    description: row.description,
    spec: JSON.parse(row.spec_json) as unknown,
    specHash: row.spec_hash,
    artifactDir: row.artifact_dir,
    transport: row.transport as ServerTransport | null,
    remoteUrl: row.remote_url,
    createdAt: row.created_at,
    tools: toolsOf(db, versionId),
    dependencies: dependenciesOf(db, versionId),
  };
}

export function listVersions(db: SqliteDatabase, name: string): VersionSummary[] {
  const server = requireServer(db, name);
  const rows = statement(
    db,
    'SELECT version, description, spec_hash, tool_count, created_at FROM server_versions WHERE server_id = ?',
  ).all(server.id) as VersionRow[];
  return rows
    .map((row) => ({
      version: row.version,
      description: row.description,
      specHash: row.spec_hash,
      toolCount: row.tool_count,
      createdAt: row.created_at,
    }))
    .sort((a, b) => compareSemver(b.version, a.version));
}

export function latestVersion(db: SqliteDatabase, name: string): string {
  const server = requireServer(db, name);
  return versionString(db, server.latest_version_id) ?? versionsOf(db, server.id)[0]!;
}

/** Tools found by asking an external server (tools/list): they replace what was known for that version. */
export function recordDiscoveredTools(
  db: SqliteDatabase,
  name: string,
  version: string,
  tools: readonly ToolInput[],
): void {
  checkVersionInput({ name, version, description: '', spec: null, tools });
  writeTransaction(db, () => {
    const server = requireServer(db, name);
    if (server.kind !== 'external') {
      throw new FactoryError('CONFLICT', `server "${name}" is generated: its tools come from its spec`, {
        hint: 'change the spec, bump the version and generate again',
      });
    }
    const versionId = requireVersionId(db, name, version);
    statement(db, 'DELETE FROM tools WHERE version_id = ?').run(versionId);
    insertTools(db, versionId, tools);
    statement(db, 'UPDATE server_versions SET tool_count = ? WHERE id = ?').run(tools.length, versionId);
  });
}

export function removeServer(db: SqliteDatabase, name: string): RemovalSummary {
  return writeTransaction(db, () => {
    const server = requireServer(db, name);
    const count = (sql: string) => (statement(db, sql).get(server.id) as { n: number }).n;
    const versions = count('SELECT count(*) AS n FROM server_versions WHERE server_id = ?');
    const deployments = count('SELECT count(*) AS n FROM deployments WHERE server_id = ?');
    statement(db, 'DELETE FROM servers WHERE id = ?').run(server.id);
    return { name, versions, deployments };
  });
}
