/**
 * End to end: examples/inventory.yaml is generated into a temp folder, bundled (dist/server.mjs), and run
 * against a real PostgreSQL schema seeded by this test. Its SQL tools are called over stdio and over
 * Streamable HTTP (with the API key the spec requires) by the SDK v2 client in both protocol eras and by
 * the legacy v1 client; the rows that come back must be the rows in the database.
 */
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from '../../src/generator/index.js';
import type { ServerSpec } from '../../src/spec/types.js';
import { generatedServer, generateInto, parseValidSpec, removeDir, tempDir } from './lib/generated-server.js';
import { type RunningHttpServer, startHttpServer } from './lib/http-server.js';
import { runInspector } from './lib/inspector.js';
import { CLIENT_KINDS, connectHttp, connectStdio, type TestClient } from './lib/mcp-clients.js';
import { repoRoot } from './lib/repo-root.js';
import type { ServerUnderTest } from './lib/server-under-test.js';

const url = process.env.MCP_TEST_POSTGRES_URL;
if (!url)
  console.warn(
    'inventory-e2e: skipped — set MCP_TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/test)',
  );

const SCHEMA = `mcp_verify_inventory_${process.pid}_${Date.now().toString(36)}`;
const API_KEY = 'verification-key-1';
const PRODUCTS = [
  { sku: 'EL-100', name: 'Widget Pro', category: 'electronics', price: 19.5, stock: 12 },
  { sku: 'EL-200', name: 'Widget Mini', category: 'electronics', price: 9.25, stock: 3 },
  { sku: 'CL-100', name: 'Rain Jacket', category: 'clothing', price: 79, stock: 40 },
];

/** The database URL with this test's schema first on the search path (pg passes `options` at connect). */
function schemaUrl(base: string): string {
  const parsed = new URL(base);
  parsed.searchParams.set('options', `-c search_path=${SCHEMA}`);
  return parsed.toString();
}

async function seed(db: pg.Client, spec: ServerSpec): Promise<void> {
  await db.query(`CREATE SCHEMA ${SCHEMA}`);
  await db.query(`SET search_path TO ${SCHEMA}`);
  // The spec's own init statements create the tables, so the test cannot drift from the example.
  const connection = spec.connections.find((c) => c.name === 'inventory_db');
  for (const statement of connection && 'init' in connection ? connection.init : [])
    await db.query(statement);
  for (const p of PRODUCTS) {
    await db.query('INSERT INTO products (sku, name, category, price, stock) VALUES ($1, $2, $3, $4, $5)', [
      p.sku,
      p.name,
      p.category,
      p.price,
      p.stock,
    ]);
  }
}

/** Calls every read and write tool and checks the answers against the seeded rows and the database. */
async function exerciseInventory(client: TestClient, db: pg.Client, sku: string): Promise<void> {
  try {
    expect(await client.listToolNames()).toEqual(
      expect.arrayContaining([
        'search_products',
        'get_stock_level',
        'update_inventory',
        'sync_catalog',
        'refresh_cache',
      ]),
    );
    const search = await client.callTool('search_products', { query: 'Widget', category: 'electronics' });
    expect(search.isError, search.text).toBe(false);
    const items = (search.structuredContent as { items: { sku: string; price: number }[] }).items;
    expect(items.map((item) => item.sku).sort()).toEqual(['EL-100', 'EL-200']);
    expect(items.find((item) => item.sku === 'EL-100')?.price).toBe(19.5);

    const stock = Math.floor(Math.random() * 1000);
    const update = await client.callTool('update_inventory', { sku, stock });
    expect(update.isError, update.text).toBe(false);
    expect(update.structuredContent).toMatchObject({ affected: 1 });
    const level = await client.callTool('get_stock_level', { sku });
    expect(level.structuredContent).toMatchObject({ sku, stock });
    const row = await db.query(`SELECT stock FROM ${SCHEMA}.products WHERE sku = $1`, [sku]);
    expect(row.rows[0]?.stock).toBe(stock);

    const missing = await client.callTool('get_stock_level', { sku: 'NO-SUCH-SKU' });
    expect(missing.isError).toBe(true);
  } finally {
    await client.close();
  }
}

describe.skipIf(!url)('generated inventory server against PostgreSQL', () => {
  let db: pg.Client;
  let parent: string;
  let server: ServerUnderTest;

  beforeAll(async () => {
    const specPath = join(repoRoot(), 'examples/inventory.yaml');
    const spec = parseValidSpec(await readFile(specPath, 'utf8'), specPath);
    db = new pg.Client({ connectionString: url });
    await db.connect();
    await seed(db, spec);
    parent = await tempDir('inventory');
    const dir = await generateInto(spec, parent);
    await bundle(dir);
    server = generatedServer({
      id: 'inventory',
      label: 'generated inventory (bundled)',
      spec,
      dir,
      entry: 'dist/server.mjs',
      env: {
        DATABASE_URL: schemaUrl(url!),
        MCP_API_KEYS: API_KEY,
        INVENTORY_WEBHOOK_SECRET: 'verification-secret',
      },
      sampleCall: { tool: 'get_stock_level', arguments: { sku: 'CL-100' }, expected: { stock: 40 } },
    });
  }, 120_000);

  afterAll(async () => {
    await db?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await db?.end();
    if (parent) await removeDir(parent);
  });

  describe('over stdio', () => {
    it.each(CLIENT_KINDS)('%s client reads and writes real rows', async (kind) => {
      await exerciseInventory(await connectStdio(kind, server.stdio()), db, 'EL-100');
    });
  });

  describe('over Streamable HTTP with an API key', () => {
    let running: RunningHttpServer;
    beforeAll(async () => {
      running = await startHttpServer(server);
    });
    afterAll(async () => {
      await running?.stop();
    });

    it.each(CLIENT_KINDS)('%s client reads and writes real rows', async (kind) => {
      await exerciseInventory(await connectHttp(kind, running.url, { 'X-API-Key': API_KEY }), db, 'EL-200');
    });

    it('the MCP Inspector CLI lists and calls its tools with the API key header', async () => {
      const target = { url: running.url, headers: { 'X-API-Key': API_KEY } };
      const listed = await runInspector(target, ['--method', 'tools/list']);
      expect(listed.exitCode, listed.stderr).toBe(0);
      expect(JSON.stringify(listed.json)).toContain('search_products');
      const called = await runInspector(target, [
        '--method',
        'tools/call',
        '--tool-name',
        'get_stock_level',
        '--tool-arg',
        'sku=CL-100',
      ]);
      expect(called.exitCode, called.stderr).toBe(0);
      expect(
        (called.json as { result?: { structuredContent?: unknown } }).result?.structuredContent,
      ).toMatchObject({
        sku: 'CL-100',
        stock: 40,
      });
      const refused = await runInspector({ url: running.url }, ['--method', 'tools/list']);
      expect(refused.exitCode).not.toBe(0);
    }, 120_000);

    it('arms the spec’s cron trigger for sync_catalog with its schedule', async () => {
      // Firing on a schedule is tested with real and fake clocks in templates/server/triggers/cron; here the
      // generated server must have scheduled the example's own trigger (every 6 hours cannot be waited for).
      const deadline = Date.now() + 5_000;
      const scheduled = () =>
        running.process
          .output()
          .split('\n')
          .find((line) => line.includes('"msg":"cron trigger scheduled"'));
      while (scheduled() === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(JSON.parse(scheduled() ?? '{}')).toMatchObject({ schedule: '0 */6 * * *', timezone: 'UTC' });
    });

    it('runs refresh_cache from a signed webhook (its trigger in the spec) and refuses a forged one', async () => {
      // The view is a snapshot: only REFRESH MATERIALIZED VIEW (the refresh_cache tool) brings it up to date.
      const viewUnits = async () => {
        const result = await db.query(
          `SELECT units FROM ${SCHEMA}.stock_by_category WHERE category = 'clothing'`,
        );
        return result.rows[0] === undefined ? undefined : Number(result.rows[0].units);
      };
      const tableUnits = async () => {
        const result = await db.query(
          `SELECT sum(stock) AS units FROM ${SCHEMA}.products WHERE category = 'clothing'`,
        );
        return Number(result.rows[0]?.units);
      };
      const webhook = new URL('/inventory-update', running.url);
      const body = JSON.stringify({ reason: 'stock moved' });
      const post = (secret: string) =>
        fetch(webhook, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
          },
          body,
        });
      await db.query(`UPDATE ${SCHEMA}.products SET stock = stock + 5 WHERE sku = 'CL-100'`);
      const want = await tableUnits();

      const forged = await post('wrong-secret');
      expect(forged.status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await viewUnits()).not.toBe(want); // nothing ran: the view is still stale

      const signed = await post('verification-secret');
      expect(signed.status).toBe(202);
      const deadline = Date.now() + 10_000;
      while ((await viewUnits()) !== want && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(await viewUnits()).toBe(want);
    }, 30_000);

    it('refuses a request without the API key', async () => {
      await expect(connectHttp('v2-legacy', running.url)).rejects.toThrow();
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
      });
      expect(response.status).toBe(401);
    });
  });
});
