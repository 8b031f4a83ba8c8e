/**
 * SQL against real databases: SQLite in a temp file always; PostgreSQL and MariaDB/MySQL when
 * MCP_TEST_POSTGRES_URL / MCP_TEST_MYSQL_URL are set. One suite, run per dialect.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConnectionManager } from '../lib/connections.js';
import type { SqlConnectionConfig, ToolDefinition } from '../lib/contract.js';
import { ToolError } from '../lib/contract.js';
import { Metrics } from '../lib/metrics.js';
import { encodeCursor, encodeKeyCursor, paginationInputShape } from '../lib/pagination.js';
import { runTool, type ToolRuntime } from '../lib/run-tool.js';
import { Redactor } from '../lib/safe-error.js';
import { runSql } from '../lib/sql.js';
import { memoryLogger, tempDir } from './helpers.js';

const POSTGRES_URL = process.env.MCP_TEST_POSTGRES_URL;
const MYSQL_URL = process.env.MCP_TEST_MYSQL_URL;
if (!POSTGRES_URL) console.warn('skipping PostgreSQL runtime tests: set MCP_TEST_POSTGRES_URL');
if (!MYSQL_URL) console.warn('skipping MySQL runtime tests: set MCP_TEST_MYSQL_URL');

const TABLE = `rt_sql_${process.pid}`;
const dir = tempDir('sql');
afterAll(() => dir.remove());

interface Dialect {
  type: SqlConnectionConfig['type'];
  url: string | undefined;
  createTable: string;
}

const dialects: Dialect[] = [
  {
    type: 'sqlite',
    url: join(dir.path, 'test.db'),
    createTable: `CREATE TABLE IF NOT EXISTS ${TABLE} (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT, big INTEGER, at TEXT)`,
  },
  {
    type: 'postgresql',
    url: POSTGRES_URL,
    createTable: `CREATE TABLE IF NOT EXISTS ${TABLE} (id INT PRIMARY KEY, name TEXT NOT NULL, note TEXT, big BIGINT, at TIMESTAMPTZ)`,
  },
  {
    type: 'mysql',
    url: MYSQL_URL,
    createTable: `CREATE TABLE IF NOT EXISTS ${TABLE} (id INT PRIMARY KEY, name VARCHAR(50) NOT NULL, note TEXT, big BIGINT, at DATETIME)`,
  },
];

function sqlConfig(d: Dialect, name: string, patch: Partial<SqlConnectionConfig> = {}): SqlConnectionConfig {
  return {
    name,
    type: d.type,
    envVar: `RT_${name.toUpperCase()}_URL`,
    readOnly: false,
    maxRows: 1000,
    poolSize: 2,
    init: [],
    ...patch,
  };
}

for (const d of dialects) {
  describe.skipIf(!d.url)(`SQL on ${d.type}`, () => {
    const { log } = memoryLogger();
    const env = { RT_RW_URL: d.url, RT_RO_URL: d.url, RT_CAPPED_URL: d.url };
    const manager = new ConnectionManager(
      [
        sqlConfig(d, 'rw', { init: [`DROP TABLE IF EXISTS ${TABLE}`, d.createTable] }),
        sqlConfig(d, 'ro', { readOnly: true }),
        sqlConfig(d, 'capped', { maxRows: 3 }),
      ],
      env,
      log,
      new Redactor(),
    );
    const runtime: ToolRuntime = {
      connections: manager,
      metrics: new Metrics(),
      log,
      redactor: new Redactor(),
    };
    const run = async (name: string, statement: string, result: 'rows' | 'first' | 'affected', args = {}) =>
      runSql(await manager.sql(name), { statement, result, args }, log);

    beforeAll(async () => {
      await run('rw', 'SELECT 1 AS one', 'rows'); // opens rw: runs init (drop + create)
      for (let id = 1; id <= 7; id++) {
        await run('rw', `INSERT INTO ${TABLE} (id, name, big) VALUES (:id, :name, :big)`, 'affected', {
          id,
          name: `item ${id}`,
          big: id === 7 ? 9007199254740993n.toString() : id,
        });
      }
    });
    afterAll(async () => {
      await run('rw', `DROP TABLE IF EXISTS ${TABLE}`, 'affected').catch(() => undefined);
      await manager.closeAll();
    });

    it('binds named parameters (never interpolated) and returns rows / first / affected', async () => {
      const hostile = "x'; DROP TABLE nope; --";
      expect(
        await run('rw', `SELECT id FROM ${TABLE} WHERE name = :name`, 'rows', { name: hostile }),
      ).toEqual([]);
      expect(await run('rw', `SELECT id, name FROM ${TABLE} WHERE id = :id`, 'first', { id: 2 })).toEqual({
        id: 2,
        name: 'item 2',
      });
      const updated = await run('rw', `UPDATE ${TABLE} SET note = :note WHERE id <= :max`, 'affected', {
        note: 'n',
        max: 3,
      });
      expect(updated).toEqual({ affected: 3 });
    });

    it('binds NULL for every parameter missing from the arguments', async () => {
      const rows = await run(
        'rw',
        `SELECT id FROM ${TABLE} WHERE COALESCE(:missing, 'none') = 'none' AND id = :id`,
        'rows',
        { id: 1 },
      );
      expect(rows).toEqual([{ id: 1 }]);
    });

    it('reports "not found" when first finds no row', async () => {
      await expect(run('rw', `SELECT id FROM ${TABLE} WHERE id = :id`, 'first', { id: 999 })).rejects.toThrow(
        /not found/,
      );
    });

    it('returns dates as ISO strings and big integers without losing digits', async () => {
      // Clients send ISO 8601 strings; every database stores and returns the same instant.
      await run('rw', `UPDATE ${TABLE} SET at = :at WHERE id = 1`, 'affected', {
        at: '2026-01-02T03:04:05.000Z',
      });
      const row = (await run('rw', `SELECT at, big FROM ${TABLE} WHERE id = 1`, 'first')) as Record<
        string,
        unknown
      >;
      expect(row.at).toBe('2026-01-02T03:04:05.000Z');
      const big = (await run('rw', `SELECT big FROM ${TABLE} WHERE id = 7`, 'first')) as Record<
        string,
        unknown
      >;
      expect(String(big.big)).toBe('9007199254740993');
      expect(JSON.parse(JSON.stringify(big))).toEqual(big);
    });

    it.skipIf(d.type === 'sqlite')(
      'returns DECIMAL values as numbers when exact, as text otherwise',
      async () => {
        const row = await run(
          'rw',
          'SELECT CAST(12.50 AS DECIMAL(10,2)) AS price, CAST(12345678901234567.89 AS DECIMAL(20,2)) AS big, CAST(NULL AS DECIMAL(5,1)) AS nothing',
          'first',
        );
        expect(row).toEqual({ price: 12.5, big: '12345678901234567.89', nothing: null });
      },
    );

    it('enforces read-only connections in the database', async () => {
      const write = run('ro', `DELETE FROM ${TABLE} WHERE id = :id`, 'affected', { id: 1 });
      await expect(write).rejects.toThrow(/read-only/);
      await expect(write).rejects.toBeInstanceOf(ToolError);
      expect(await run('ro', `SELECT COUNT(*) AS n FROM ${TABLE}`, 'first')).toEqual({ n: 7 });
    });

    it('caps rows at maxRows', async () => {
      const rows = await run('capped', `SELECT id FROM ${TABLE} ORDER BY id`, 'rows');
      expect(rows).toHaveLength(3);
    });

    it('pages through a table with LIMIT/OFFSET pushed into the query', async () => {
      const tool: ToolDefinition = {
        name: 'list_items',
        description: 'list',
        inputSchema: z.object({ ...paginationInputShape({ pageSize: 3, maxPageSize: 10 }) }),
        wrap: 'items',
        pagination: { pageSize: 3, maxPageSize: 10 },
        implementation: {
          type: 'sql',
          connection: 'rw',
          statement: `SELECT id FROM ${TABLE} ORDER BY id;`,
          result: 'rows',
        },
      };
      const seen: unknown[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const result = await runTool(tool, cursor ? { cursor } : {}, runtime, new AbortController().signal);
        expect(result.isError).toBeFalsy();
        const page = result.structuredContent as { items: { id: number }[]; nextCursor?: string };
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(pages).toBe(3);
      const bad = await runTool(tool, { cursor: 'bogus' }, runtime, new AbortController().signal);
      expect(bad).toMatchObject({ isError: true, content: [{ type: 'text', text: 'invalid cursor' }] });
    });

    it('lets a paginated statement place :limit and :offset itself', async () => {
      const p = { pageSize: 4, maxPageSize: 10 };
      const tool: ToolDefinition = {
        name: 'custom_page',
        description: 'list',
        inputSchema: z.object({ ...paginationInputShape(p) }),
        wrap: 'items',
        pagination: p,
        implementation: {
          type: 'sql',
          connection: 'rw',
          statement: `SELECT id FROM (SELECT id FROM ${TABLE} ORDER BY id DESC LIMIT :limit OFFSET :offset) AS page ORDER BY id DESC`,
          result: 'rows',
        },
      };
      const first = await runTool(tool, {}, runtime, new AbortController().signal);
      const page = first.structuredContent as { items: { id: number }[]; nextCursor?: string };
      expect(page.items.map((r) => r.id)).toEqual([7, 6, 5, 4]);
      const second = await runTool(tool, { cursor: page.nextCursor }, runtime, new AbortController().signal);
      expect(second.structuredContent).toEqual({ items: [{ id: 3 }, { id: 2 }, { id: 1 }] });
    });

    it('keyset pages: rows inserted or deleted between requests are neither repeated nor skipped', async () => {
      const p = { pageSize: 3, maxPageSize: 10, key: 'id', order: 'desc' as const };
      const tool: ToolDefinition = {
        name: 'newest_items',
        description: 'list',
        inputSchema: z.object({ ...paginationInputShape(p) }),
        wrap: 'items',
        pagination: p,
        implementation: {
          type: 'sql',
          connection: 'rw',
          statement: `SELECT id, name FROM ${TABLE}`,
          result: 'rows',
        },
      };
      const call = async (args: Record<string, unknown>) => {
        const result = await runTool(tool, args, runtime, new AbortController().signal);
        expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
        return result.structuredContent as { items: { id: number }[]; nextCursor?: string };
      };
      const ids = (page: { items: { id: number }[] }) => page.items.map((row) => row.id);
      try {
        const first = await call({});
        // Offsets would now repeat 5 on the second page (a newer row moved everything down by one)…
        await run('rw', `INSERT INTO ${TABLE} (id, name) VALUES (8, 'item 8')`, 'affected');
        const second = await call({ cursor: first.nextCursor });
        // …and skip 2 on the third (a row already seen is gone).
        await run('rw', `DELETE FROM ${TABLE} WHERE id = 4`, 'affected');
        const third = await call({ cursor: second.nextCursor });
        expect([ids(first), ids(second), ids(third)]).toEqual([[7, 6, 5], [4, 3, 2], [1]]);
        expect(third.nextCursor).toBeUndefined();
        // A cursor is data, never SQL: a forged key is bound as a value and changes nothing.
        const forged = encodeKeyCursor('newest_items', `0; DELETE FROM ${TABLE}; --`);
        await runTool(tool, { cursor: forged }, runtime, new AbortController().signal);
        expect(await run('rw', `SELECT COUNT(*) AS n FROM ${TABLE}`, 'first')).toEqual({ n: 7 });
        const offsetCursor = encodeCursor('newest_items', 3);
        const refused = await runTool(tool, { cursor: offsetCursor }, runtime, new AbortController().signal);
        expect(refused).toMatchObject({ isError: true, content: [{ text: 'invalid cursor' }] });
      } finally {
        await run('rw', `DELETE FROM ${TABLE} WHERE id = 8`, 'affected');
        await run('rw', `INSERT INTO ${TABLE} (id, name, big) VALUES (4, 'item 4', 4)`, 'affected').catch(
          () => undefined,
        );
      }
    });

    it('refuses to page by a key column that holds NULL (its cursor could not continue)', async () => {
      const p = { pageSize: 3, maxPageSize: 10, key: 'note', order: 'asc' as const };
      const tool: ToolDefinition = {
        name: 'no_key',
        description: 'list',
        inputSchema: z.object({ ...paginationInputShape(p) }),
        wrap: 'items',
        pagination: p,
        implementation: {
          type: 'sql',
          connection: 'rw',
          statement: `SELECT id, note FROM ${TABLE}`,
          result: 'rows',
        },
      };
      const result = await runTool(tool, {}, runtime, new AbortController().signal);
      expect(result.isError).toBe(true);
      expect(JSON.stringify(result.content)).toMatch(/the pagination key \\"note\\" is NULL/);
    });

    it('reports a driver error as a short message', async () => {
      await expect(run('rw', 'SELECT * FROM rt_table_that_does_not_exist', 'rows')).rejects.toThrow(
        /rt_table_that_does_not_exist/,
      );
    });
  });
}

describe('connections', () => {
  it('names the missing env var instead of crashing', async () => {
    const { log } = memoryLogger();
    const manager = new ConnectionManager(
      [
        {
          name: 'db',
          type: 'postgresql',
          envVar: 'RT_NOT_SET',
          readOnly: false,
          maxRows: 10,
          poolSize: 1,
          init: [],
        },
      ],
      {},
      log,
      new Redactor(),
    );
    await expect(manager.sql('db')).rejects.toThrow(
      'connection "db" is not configured: set the environment variable RT_NOT_SET',
    );
  });

  it('runs init statements once per open and closes pools on closeAll', async () => {
    const { log, lines } = memoryLogger();
    const file = join(dir.path, 'init.db');
    const config = sqlConfig(dialects[0] as Dialect, 'lite', {
      init: ['CREATE TABLE counter (n INTEGER)', 'INSERT INTO counter VALUES (1)'],
    });
    const manager = new ConnectionManager([config], { RT_LITE_URL: file }, log, new Redactor());
    const [a, b] = await Promise.all([manager.sql('lite'), manager.sql('lite')]);
    expect(a).toBe(b);
    expect(
      await runSql(a, { statement: 'SELECT COUNT(*) AS c FROM counter', result: 'first', args: {} }, log),
    ).toEqual({ c: 1 });
    expect(lines.filter((l) => l.includes('connection opened'))).toHaveLength(1);
    const db = await manager.client<{ open: boolean; pragma(s: string, o: object): unknown }>('lite');
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    await manager.closeAll();
    expect(db.open).toBe(false);
    await expect(manager.sql('lite')).rejects.toThrow(/shutting down/);
  });

  it.each([
    ['postgresql', POSTGRES_URL, 'SELECT pg_sleep(5)'],
    ['mysql', MYSQL_URL, 'SELECT SLEEP(5)'],
  ] as const)('bounds statements on %s with MCP_SQL_TIMEOUT_MS', async (type, url, sleep) => {
    if (!url) return;
    const { log } = memoryLogger();
    const manager = new ConnectionManager(
      [{ name: 'slow', type, envVar: 'SLOW_URL', readOnly: false, maxRows: 10, poolSize: 1, init: [] }],
      { SLOW_URL: url, MCP_SQL_TIMEOUT_MS: '300' },
      log,
      new Redactor(),
    );
    const started = Date.now();
    await expect(
      runSql(await manager.sql('slow'), { statement: sleep, result: 'rows', args: {} }, log),
    ).rejects.toThrow(/timeout|timed out/i);
    expect(Date.now() - started).toBeLessThan(3000);
    await manager.closeAll();
  });

  it.skipIf(!POSTGRES_URL)('closes PostgreSQL pools on closeAll', async () => {
    const { log } = memoryLogger();
    const manager = new ConnectionManager(
      [
        {
          name: 'pg',
          type: 'postgresql',
          envVar: 'PGURL',
          readOnly: false,
          maxRows: 10,
          poolSize: 2,
          init: [],
        },
      ],
      { PGURL: POSTGRES_URL },
      log,
      new Redactor(),
    );
    const handle = await manager.sql('pg');
    await runSql(handle, { statement: 'SELECT 1', result: 'rows', args: {} }, log);
    const pool = handle.client as unknown as { ended: boolean; totalCount: number };
    expect(pool.totalCount).toBeGreaterThan(0);
    await manager.closeAll();
    expect(pool.ended).toBe(true);
    expect(pool.totalCount).toBe(0);
  });
});
