/** Deployments: one row per deploy of a server version to a target, updated as its state changes. */
import { randomBytes } from 'node:crypto';
import { FactoryError } from '../../errors.js';
import type {
  Deployment,
  DeploymentFilter,
  DeploymentPatch,
  DeploymentState,
  NewDeployment,
} from '../records.js';
import { checkState, redactOptions } from '../validate.js';
import type { SqliteDatabase } from './connection.js';
import { requireDeploymentSeq, requireServer, requireVersionId } from './lookup.js';
import { nowIso, statement, writeTransaction } from './transaction.js';

interface DeploymentRow {
  id: string;
  server: string;
  version: string;
  target: string;
  state: DeploymentState;
  endpoint: string | null;
  transport: string | null;
  pid: number | null;
  supervisor_pid: number | null;
  restarts: number;
  last_health_at: string | null;
  last_health_ok: number | null;
  last_health_detail: string | null;
  started_at: string | null;
  stopped_at: string | null;
  options_json: string;
  created_at: string;
  updated_at: string;
}

const SELECT = `
SELECT d.*, s.name AS server, v.version AS version
FROM deployments d JOIN servers s ON s.id = d.server_id JOIN server_versions v ON v.id = d.version_id`;

function toDeployment(row: DeploymentRow): Deployment {
  return {
    id: row.id,
    server: row.server,
    version: row.version,
    target: row.target,
    state: row.state,
    endpoint: row.endpoint,
    transport: row.transport,
    pid: row.pid,
    supervisorPid: row.supervisor_pid,
    restarts: row.restarts,
    lastHealthAt: row.last_health_at,
    lastHealthOk: row.last_health_ok === null ? null : row.last_health_ok === 1,
    lastHealthDetail: row.last_health_detail,
    startedAt: row.started_at,
    stoppedAt: row.stopped_at,
    options: JSON.parse(row.options_json) as Record<string, unknown>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function getDeployment(db: SqliteDatabase, id: string): Deployment {
  const seq = requireDeploymentSeq(db, id);
  return toDeployment(statement(db, `${SELECT} WHERE d.seq = ?`).get(seq) as DeploymentRow);
}

export function createDeployment(db: SqliteDatabase, input: NewDeployment): Deployment {
  const state = input.state ?? 'building';
  checkState(state);
  const id = input.id ?? `dep_${randomBytes(6).toString('hex')}`;
  const options = JSON.stringify(redactOptions(input.options ?? {}));
  return writeTransaction(db, () => {
    const server = requireServer(db, input.server);
    const versionId = requireVersionId(db, input.server, input.version);
    if (statement(db, 'SELECT 1 FROM deployments WHERE id = ?').get(id) !== undefined) {
      throw new FactoryError('CONFLICT', `a deployment with id "${id}" already exists`, {
        hint: 'leave the id out to get a new one',
      });
    }
    const now = nowIso();
    statement(
      db,
      `INSERT INTO deployments (id, server_id, version_id, target, state, endpoint, transport, pid, supervisor_pid,
         options_json, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      id,
      server.id,
      versionId,
      input.target,
      state,
      input.endpoint ?? null,
      input.transport ?? null,
      input.pid ?? null,
      input.supervisorPid ?? null,
      options,
      now,
      now,
    );
    return getDeployment(db, id);
  });
}

/** Patch field → column, and how its value is stored. Only these columns can ever be updated. */
const COLUMNS: Readonly<Record<keyof DeploymentPatch, [string, (value: unknown) => unknown]>> = {
  state: ['state', (value) => value],
  endpoint: ['endpoint', (value) => value],
  transport: ['transport', (value) => value],
  pid: ['pid', (value) => value],
  supervisorPid: ['supervisor_pid', (value) => value],
  restarts: ['restarts', (value) => value],
  lastHealthAt: ['last_health_at', (value) => value],
  lastHealthOk: ['last_health_ok', (value) => (value === null ? null : value ? 1 : 0)],
  lastHealthDetail: ['last_health_detail', (value) => value],
  startedAt: ['started_at', (value) => value],
  stoppedAt: ['stopped_at', (value) => value],
  options: ['options_json', (value) => JSON.stringify(redactOptions(value as Record<string, unknown>))],
};

export function updateDeployment(db: SqliteDatabase, id: string, patch: DeploymentPatch): Deployment {
  if (patch.state !== undefined) checkState(patch.state);
  const assignments: string[] = ['updated_at = ?'];
  const values: unknown[] = [nowIso()];
  for (const [field, value] of Object.entries(patch)) {
    const column = COLUMNS[field as keyof DeploymentPatch];
    if (column === undefined || value === undefined) continue;
    assignments.push(`${column[0]} = ?`);
    values.push(column[1](value));
  }
  return writeTransaction(db, () => {
    const seq = requireDeploymentSeq(db, id);
    statement(db, `UPDATE deployments SET ${assignments.join(', ')} WHERE seq = ?`).run(...values, seq);
    return getDeployment(db, id);
  });
}

export function listDeployments(db: SqliteDatabase, filter: DeploymentFilter = {}): Deployment[] {
  const conditions: string[] = [];
  const values: unknown[] = [];
  if (filter.server !== undefined) {
    conditions.push('d.server_id = ?');
    values.push(requireServer(db, filter.server).id);
  }
  if (filter.states !== undefined && filter.states.length > 0) {
    for (const state of filter.states) checkState(state, 'states');
    conditions.push(`d.state IN (${filter.states.map(() => '?').join(', ')})`);
    values.push(...filter.states);
  }
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  const rows = statement(db, `${SELECT} ${where} ORDER BY d.seq DESC`).all(...values) as DeploymentRow[];
  return rows.map(toDeployment);
}

export function removeDeployment(db: SqliteDatabase, id: string): void {
  writeTransaction(db, () => {
    const seq = requireDeploymentSeq(db, id);
    statement(db, 'DELETE FROM deployments WHERE seq = ?').run(seq);
  });
}
