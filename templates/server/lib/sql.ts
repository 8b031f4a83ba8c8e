/**
 * Runs one spec SQL statement: named parameters bound by the driver, read-only connections enforced by the
 * database itself (not by guessing from the SQL text), results capped at `maxRows` and made JSON-safe.
 */

import type { SqlHandle } from './connections.js';
import type { ToolLogger as Logger } from './contract.js';
import { ToolError } from './contract.js';
import { toJsonSafe } from './json-safe.js';
import { isKeyValue, type KeysetPosition, type PageRequest } from './pagination.js';
import { compileNamedSql, type SqlDialect } from './sql-params.js';

export type SqlResultMode = 'rows' | 'first' | 'affected';

export interface SqlRequest {
  readonly statement: string;
  readonly result: SqlResultMode;
  readonly args: Readonly<Record<string, unknown>>;
  /** Set for paginated tools: the statement fetches `limit + 1` rows from `offset` or after a key. */
  readonly page?: PageRequest | undefined;
}

interface RawResult {
  rows: Record<string, unknown>[];
  affected: number;
}

/** Returns rows (array), the first row (object), or `{ affected }`. */
export async function runSql(handle: SqlHandle, request: SqlRequest, log: Logger): Promise<unknown> {
  const text = request.page ? paginate(request.statement, handle.type, request.page) : request.statement;
  const args = request.page ? withPageArgs(request.args, request.page) : request.args;
  const compiled = compileNamedSql(text, handle.type);
  const values = compiled.names.map((name) => toDriverValue(args[name], handle.type));
  const raw = await execute(handle, compiled.text, values);
  return shapeResult(raw, request, handle, log);
}

function shapeResult(raw: RawResult, request: SqlRequest, handle: SqlHandle, log: Logger): unknown {
  if (request.result === 'affected') return { affected: raw.affected };
  const rows = raw.rows.map((row) => toJsonSafe(row));
  if (request.result === 'first') {
    if (rows.length === 0) throw new ToolError('not found: the query returned no rows');
    return rows[0];
  }
  if (request.page?.keyset) checkKeys(rows, request.page.keyset);
  const cap = handle.config.maxRows + (request.page ? 1 : 0);
  if (rows.length > cap) {
    log.warn('result truncated to maxRows', {
      connection: handle.config.name,
      maxRows: handle.config.maxRows,
    });
    return rows.slice(0, cap);
  }
  return rows;
}

/**
 * Paging is pushed into the query; `limit` is one more than the page, to learn whether more rows exist.
 * With a keyset the statement becomes a derived table ordered by its key and continued after the cursor's
 * key. Otherwise a statement that binds `:limit` / `:offset` itself gets them, or `LIMIT … OFFSET …` is
 * appended.
 */
function paginate(statement: string, dialect: SqlDialect, page: PageRequest): string {
  const trimmed = statement.trim().replace(/;+\s*$/, '');
  if (page.keyset) return keysetStatement(trimmed, dialect, page.keyset);
  const names = compileNamedSql(statement, dialect).names;
  if (names.includes('limit')) return statement;
  return `${trimmed}\nLIMIT :limit OFFSET :offset`;
}

function keysetStatement(statement: string, dialect: SqlDialect, keyset: KeysetPosition): string {
  const column = quoteIdentifier(keyset.column, dialect);
  const direction = keyset.order === 'desc' ? 'DESC' : 'ASC';
  const after =
    keyset.after === undefined ? '' : `\nWHERE ${column} ${direction === 'DESC' ? '<' : '>'} :mcp_after_key`;
  return `SELECT * FROM (\n${statement}\n) AS mcp_page${after}\nORDER BY ${column} ${direction}\nLIMIT :limit`;
}

/** The key column name comes from the spec, which allows letters, digits and `_` only; quoted all the same. */
function quoteIdentifier(name: string, dialect: SqlDialect): string {
  return dialect === 'mysql' ? `\`${name.replace(/`/g, '``')}\`` : `"${name.replace(/"/g, '""')}"`;
}

function withPageArgs(args: Readonly<Record<string, unknown>>, page: PageRequest): Record<string, unknown> {
  const position = page.keyset ? { mcp_after_key: page.keyset.after } : { offset: page.offset };
  return { ...args, limit: page.limit + 1, ...position };
}

/** A keyset page needs the key in every row: name the column rather than hand out a cursor that repeats. */
function checkKeys(rows: readonly unknown[], keyset: KeysetPosition): void {
  const bad = (rows as readonly Record<string, unknown>[]).find((row) => !isKeyValue(row[keyset.column]));
  if (bad === undefined) return;
  const problem =
    keyset.column in bad ? 'is NULL or not a number or text in a row' : 'is not a column of the result';
  throw new ToolError(`the pagination key "${keyset.column}" ${problem}`);
}

/** Every parameter absent from the arguments binds NULL; structures the driver cannot bind become JSON. */
function toDriverValue(value: unknown, dialect: SqlDialect): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return dialect === 'sqlite' ? (value ? 1 : 0) : value;
  if (value instanceof Date) return dialect === 'mysql' ? value : value.toISOString();
  if (dialect === 'mysql' && typeof value === 'string' && ISO_DATE_TIME.test(value))
    return mysqlDateTime(value);
  // PostgreSQL binds JS arrays as SQL arrays (WHERE id = ANY(:ids)); elsewhere arrays/objects travel as JSON.
  if (Array.isArray(value) && dialect === 'postgresql') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}

/** Clients send date-times as ISO 8601; MySQL/MariaDB DATETIME refuses the `T…Z` form, so send UTC text. */
const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

function mysqlDateTime(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString().replace('T', ' ').replace('Z', '');
}

async function execute(handle: SqlHandle, text: string, values: unknown[]): Promise<RawResult> {
  switch (handle.type) {
    case 'postgresql':
      return executePostgres(handle, text, values);
    case 'mysql':
      return executeMysql(handle, text, values);
    case 'sqlite':
      return executeSqlite(handle, text, values);
  }
}

async function executePostgres(
  handle: Extract<SqlHandle, { type: 'postgresql' }>,
  text: string,
  values: unknown[],
): Promise<RawResult> {
  const toRaw = (r: { rows: Record<string, unknown>[]; rowCount: number | null }) => ({
    rows: r.rows,
    affected: r.rowCount ?? 0,
  });
  if (!handle.config.readOnly) return toRaw(await handle.client.query(text, values));
  const client = await handle.client.connect();
  try {
    await client.query('BEGIN READ ONLY');
    const result = await client.query(text, values);
    await client.query('ROLLBACK');
    return toRaw(result);
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw readOnlyError(error, handle.config.name);
  } finally {
    client.release();
  }
}

async function executeMysql(
  handle: Extract<SqlHandle, { type: 'mysql' }>,
  text: string,
  values: unknown[],
): Promise<RawResult> {
  const query = { sql: text, values, timeout: handle.timeoutMs };
  if (!handle.config.readOnly) return mysqlRaw(await handle.client.query(query));
  const connection = await handle.client.getConnection();
  try {
    await connection.query('START TRANSACTION READ ONLY');
    const result = await connection.query(query);
    await connection.query('ROLLBACK');
    return mysqlRaw(result);
  } catch (error) {
    await connection.query('ROLLBACK').catch(() => undefined);
    throw readOnlyError(error, handle.config.name);
  } finally {
    connection.release();
  }
}

function mysqlRaw(result: [unknown, unknown]): RawResult {
  const [rows] = result;
  if (Array.isArray(rows)) return { rows: rows as Record<string, unknown>[], affected: 0 };
  const header = rows as { affectedRows?: number };
  return { rows: [], affected: header.affectedRows ?? 0 };
}

function executeSqlite(
  handle: Extract<SqlHandle, { type: 'sqlite' }>,
  text: string,
  values: unknown[],
): RawResult {
  const statement = handle.client.prepare(text);
  if (handle.config.readOnly && !statement.readonly) {
    throw new ToolError(`connection "${handle.config.name}" is read-only: the statement would write`);
  }
  if (statement.reader) {
    // Integers as bigint here only, so values past 2^53 keep their digits (json-safe turns them into text);
    // handlers using the Database directly keep better-sqlite3's plain numbers.
    statement.safeIntegers(true);
    return { rows: statement.all(...values) as Record<string, unknown>[], affected: 0 };
  }
  const info = statement.run(...values);
  return { rows: [], affected: info.changes };
}

/** PostgreSQL 25006 / MySQL 1792: the database refused a write inside the read-only transaction. */
function readOnlyError(error: unknown, connection: string): unknown {
  const code = (error as { code?: unknown; errno?: unknown } | null)?.code;
  const errno = (error as { errno?: unknown } | null)?.errno;
  if (code === '25006' || errno === 1792 || code === 'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION') {
    return new ToolError(`connection "${connection}" is read-only: the statement would write`);
  }
  return error;
}
