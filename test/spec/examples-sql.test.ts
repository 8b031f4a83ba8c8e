/**
 * The SQL in the examples runs: each example's init statements and tool statements are executed against a
 * real database (SQLite in memory; PostgreSQL when MCP_TEST_POSTGRES_URL is set), bound the way generated
 * servers bind them (templates/server/lib/sql-params.ts).
 */
import { readFile } from 'node:fs/promises';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSpec, type ServerSpec, type ToolSpec } from '../../src/spec/index.js';
import { compileNamedSql } from '../../templates/server/lib/sql-params.js';

async function example(name: string): Promise<ServerSpec> {
  const result = parseSpec(await readFile(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));
  expect(result.errors).toEqual([]);
  return result.spec!;
}

function statementOf(tool: ToolSpec | undefined): string {
  if (tool?.implementation.type !== 'sql') throw new Error(`${tool?.name} is not a SQL tool`);
  return tool.implementation.statement;
}

describe('examples/notes.yaml on SQLite', () => {
  let db: Database.Database;
  let spec: ServerSpec;
  const run = (toolName: string, args: Record<string, unknown>) => {
    const { text, names } = compileNamedSql(
      statementOf(spec.tools.find((t) => t.name === toolName)),
      'sqlite',
    );
    const statement = db.prepare(text);
    const values = names.map((n) => args[n] ?? null);
    return statement.reader ? statement.all(...values) : statement.run(...values).changes;
  };

  beforeAll(async () => {
    spec = await example('notes.yaml');
    db = new Database(':memory:');
    const connection = spec.connections[0]!;
    for (const statement of 'init' in connection ? connection.init : []) db.exec(statement);
  });
  afterAll(() => db.close());

  it('adds, searches, reads and deletes a note', () => {
    const [added] = run('add_note', { title: 'Groceries', body: 'milk, eggs' }) as { id: number }[];
    expect(added).toMatchObject({ id: 1, title: 'Groceries', body: 'milk, eggs' });
    expect(run('search_notes', { query: 'eggs' })).toEqual([
      expect.objectContaining({ id: 1, title: 'Groceries' }),
    ]);
    expect(run('search_notes', { query: 'nothing like this' })).toEqual([]);
    expect(run('get_note', { id: 1 })).toEqual([expect.objectContaining({ body: 'milk, eggs' })]);
    expect(run('delete_note', { id: 1 })).toBe(1);
    expect(run('get_note', { id: 1 })).toEqual([]);
  });
});

const url = process.env.MCP_TEST_POSTGRES_URL;
if (!url) console.warn('examples-sql: PostgreSQL part skipped — set MCP_TEST_POSTGRES_URL');

describe.skipIf(!url)('examples/inventory.yaml on PostgreSQL', () => {
  const schema = `mcp_spec_examples_${process.pid}_${Date.now().toString(36)}`;
  let db: pg.Client;
  let spec: ServerSpec;
  const run = async (toolName: string, args: Record<string, unknown>) => {
    const { text, names } = compileNamedSql(
      statementOf(spec.tools.find((t) => t.name === toolName)),
      'postgresql',
    );
    const result = await db.query(
      text,
      names.map((n) => args[n] ?? null),
    );
    return result.command === 'SELECT' ? result.rows : result.rowCount;
  };

  beforeAll(async () => {
    spec = await example('inventory.yaml');
    db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query(`CREATE SCHEMA ${schema}`);
    await db.query(`SET search_path TO ${schema}`);
    const connection = spec.connections[0]!;
    for (const statement of 'init' in connection ? connection.init : []) await db.query(statement);
  });
  afterAll(async () => {
    await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.end();
  });

  it('syncs the catalog, searches, reads and updates stock, refreshes the summary', async () => {
    await db.query(
      `INSERT INTO catalog_feed VALUES ('EL-1', 'Widget', 'electronics', 9.5), ('CL-1', 'Coat', 'clothing', 80)`,
    );
    expect(await run('sync_catalog', {})).toBe(2);
    expect(await run('search_products', { query: 'widg' })).toEqual([
      expect.objectContaining({ sku: 'EL-1', name: 'Widget', price: 9.5 }),
    ]);
    expect(await run('search_products', { query: 'CL-1', category: 'clothing' })).toHaveLength(1);
    expect(await run('search_products', { query: 'CL-1', category: 'food' })).toEqual([]);
    expect(await run('update_inventory', { sku: 'EL-1', stock: 7 })).toBe(1);
    expect(await run('get_stock_level', { sku: 'EL-1' })).toEqual([expect.objectContaining({ stock: 7 })]);
    await run('refresh_cache', {});
    const summary = await db.query(
      'SELECT category, units::int AS units FROM stock_by_category ORDER BY category',
    );
    expect(summary.rows).toEqual([
      { category: 'clothing', units: 0 },
      { category: 'electronics', units: 7 },
    ]);
  });
});
