/** What running servers and test runs report: per-tool usage totals, the event log, test outcomes. */
import type {
  DeploymentEvent,
  EventFilter,
  EventInput,
  EventLevel,
  TestRun,
  TestRunInput,
  ToolUsage,
  UsageDelta,
} from '../records.js';
import { EVENT_LEVELS } from '../records.js';
import { checkCount, checkOutcome, redactCredentials, redactText } from '../validate.js';
import type { SqliteDatabase } from './connection.js';
import { requireDeploymentSeq, requireServer, requireVersionId } from './lookup.js';
import { nowIso, statement, writeTransaction } from './transaction.js';

/** Events kept per server: the log is for "what went wrong recently", not an archive. */
export const EVENTS_KEPT_PER_SERVER = 1000;
const MAX_MESSAGE_LENGTH = 4000;

export function recordUsage(
  db: SqliteDatabase,
  server: string,
  version: string,
  deltas: readonly UsageDelta[],
): void {
  deltas.forEach((delta, index) => {
    checkCount(delta.calls, `deltas[${index}].calls`);
    checkCount(delta.errors, `deltas[${index}].errors`);
    checkCount(delta.latencyMs, `deltas[${index}].latencyMs`);
  });
  const upsert = statement(
    db,
    `INSERT INTO tool_usage (version_id, tool, calls, errors, total_latency_ms, last_reported_at)
     VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (version_id, tool) DO UPDATE SET
       calls = calls + excluded.calls,
       errors = errors + excluded.errors,
       total_latency_ms = total_latency_ms + excluded.total_latency_ms,
       last_reported_at = excluded.last_reported_at`,
  );
  writeTransaction(db, () => {
    const versionId = requireVersionId(db, server, version);
    const now = nowIso();
    for (const delta of deltas)
      upsert.run(versionId, delta.tool, delta.calls, delta.errors, delta.latencyMs, now);
  });
}

export function getUsage(db: SqliteDatabase, server: string, version?: string): ToolUsage[] {
  const serverId = requireServer(db, server).id;
  const versionId = version === undefined ? null : requireVersionId(db, server, version);
  const rows = statement(
    db,
    `SELECT v.version, u.tool, u.calls, u.errors, u.total_latency_ms, u.last_reported_at
     FROM tool_usage u JOIN server_versions v ON v.id = u.version_id
     WHERE v.server_id = ? AND (? IS NULL OR u.version_id = ?)
     ORDER BY v.id, u.tool`,
  ).all(serverId, versionId, versionId) as {
    version: string;
    tool: string;
    calls: number;
    errors: number;
    total_latency_ms: number;
    last_reported_at: string;
  }[];
  return rows.map((row) => ({
    server,
    version: row.version,
    tool: row.tool,
    calls: row.calls,
    errors: row.errors,
    totalLatencyMs: row.total_latency_ms,
    lastReportedAt: row.last_reported_at,
  }));
}

interface EventRow {
  id: number;
  server: string;
  deployment_id: string | null;
  level: EventLevel;
  message: string;
  detail_json: string | null;
  at: string;
}

const EVENT_SELECT = `SELECT e.id, s.name AS server, e.deployment_id, e.level, e.message, e.detail_json, e.at
FROM events e JOIN servers s ON s.id = e.server_id`;

function toEvent(row: EventRow): DeploymentEvent {
  return {
    id: row.id,
    server: row.server,
    deploymentId: row.deployment_id,
    level: row.level,
    message: row.message,
    detail: row.detail_json === null ? null : (JSON.parse(row.detail_json) as unknown),
    at: row.at,
  };
}

export function logEvent(db: SqliteDatabase, event: EventInput): DeploymentEvent {
  const message = redactText(event.message).slice(0, MAX_MESSAGE_LENGTH);
  const detail = event.detail === undefined ? null : JSON.stringify(redactCredentials(event.detail));
  return writeTransaction(db, () => {
    const serverId = requireServer(db, event.server).id;
    if (event.deploymentId) requireDeploymentSeq(db, event.deploymentId);
    const result = statement(
      db,
      'INSERT INTO events (server_id, deployment_id, level, message, detail_json, at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(serverId, event.deploymentId ?? null, event.level, message, detail, nowIso());
    // Keep the newest EVENTS_KEPT_PER_SERVER rows of this server (cheap: walks the (server_id, id) index).
    statement(
      db,
      `DELETE FROM events WHERE server_id = ? AND id <= (
         SELECT id FROM events WHERE server_id = ? ORDER BY id DESC LIMIT 1 OFFSET ?)`,
    ).run(serverId, serverId, EVENTS_KEPT_PER_SERVER);
    return toEvent(statement(db, `${EVENT_SELECT} WHERE e.id = ?`).get(result.lastInsertRowid) as EventRow);
  });
}

export function recentEvents(db: SqliteDatabase, filter: EventFilter = {}): DeploymentEvent[] {
  const conditions: string[] = [];
  const values: unknown[] = [];
  if (filter.server !== undefined) {
    conditions.push('e.server_id = ?');
    values.push(requireServer(db, filter.server).id);
  }
  if (filter.deploymentId !== undefined) {
    conditions.push('e.deployment_id = ?');
    values.push(filter.deploymentId);
  }
  if (filter.minLevel !== undefined) {
    const levels = EVENT_LEVELS.slice(EVENT_LEVELS.indexOf(filter.minLevel));
    conditions.push(`e.level IN (${levels.map(() => '?').join(', ')})`);
    values.push(...levels);
  }
  const limit = Math.min(Math.max(1, Math.floor(filter.limit ?? 20)), 1000);
  const where = conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
  const rows = statement(db, `${EVENT_SELECT} ${where} ORDER BY e.id DESC LIMIT ?`).all(...values, limit);
  return (rows as EventRow[]).map(toEvent);
}

interface TestRunRow {
  id: number;
  version: string;
  tool: string;
  outcome: TestRun['outcome'];
  duration_ms: number;
  message: string | null;
  at: string;
}

const TEST_RUN_SELECT = `SELECT r.id, v.version, r.tool, r.outcome, r.duration_ms, r.message, r.at
FROM test_runs r JOIN server_versions v ON v.id = r.version_id`;

function toTestRun(server: string, row: TestRunRow): TestRun {
  const { duration_ms, ...rest } = row;
  return { ...rest, server, durationMs: duration_ms };
}

export function recordTestRuns(
  db: SqliteDatabase,
  server: string,
  version: string,
  runs: readonly TestRunInput[],
): TestRun[] {
  runs.forEach((run, index) => {
    checkOutcome(run.outcome, `runs[${index}].outcome`);
    checkCount(run.durationMs, `runs[${index}].durationMs`);
  });
  const insert = statement(
    db,
    'INSERT INTO test_runs (version_id, tool, outcome, duration_ms, message, at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  return writeTransaction(db, () => {
    const versionId = requireVersionId(db, server, version);
    const now = nowIso();
    const ids = runs.map((run) =>
      Number(
        insert.run(versionId, run.tool, run.outcome, run.durationMs, run.message ?? null, now)
          .lastInsertRowid,
      ),
    );
    const byId = statement(db, `${TEST_RUN_SELECT} WHERE r.id = ?`);
    return ids.map((id) => toTestRun(server, byId.get(id) as TestRunRow));
  });
}

export function listTestRuns(
  db: SqliteDatabase,
  server: string,
  options: { version?: string; limit?: number } = {},
): TestRun[] {
  const serverId = requireServer(db, server).id;
  const versionId = options.version === undefined ? null : requireVersionId(db, server, options.version);
  const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 100)), 10_000);
  const rows = statement(
    db,
    `${TEST_RUN_SELECT} WHERE v.server_id = ? AND (? IS NULL OR r.version_id = ?) ORDER BY r.id DESC LIMIT ?`,
  ).all(serverId, versionId, versionId, limit) as TestRunRow[];
  return rows.map((row) => toTestRun(server, row));
}
