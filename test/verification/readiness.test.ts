/**
 * `/readyz` of a generated server, as a real process: examples/inventory.yaml generated, bundled and run
 * over HTTP. With a real PostgreSQL it answers 200 and reports the connection ready; with a URL nothing
 * listens on, 503 naming the connection and its error (never the URL); without the variable, 503 with
 * the connection `not configured` — and the server itself still runs. The route is open like /healthz
 * (the spec's API key guards /mcp only).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from '../../src/generator/index.js';
import { generatedServer, generateInto, parseValidSpec, removeDir, tempDir } from './lib/generated-server.js';
import { startHttpServer } from './lib/http-server.js';
import { repoRoot } from './lib/repo-root.js';
import type { ServerUnderTest } from './lib/server-under-test.js';

const url = process.env.MCP_TEST_POSTGRES_URL;
if (!url) console.warn('readiness: skipped — set MCP_TEST_POSTGRES_URL');

const SCHEMA = `mcp_verify_ready_${process.pid}_${Date.now().toString(36)}`;
const DEAD_URL = 'postgres://reader:s3cret-pass@127.0.0.1:1/nowhere';

interface Report {
  status: string;
  connections: { name: string; type: string; status: string; error?: string }[];
}

describe.skipIf(!url)('readiness of a generated server (/readyz)', () => {
  let parent: string;
  let db: pg.Client;
  let server: (env: Record<string, string>) => ServerUnderTest;

  beforeAll(async () => {
    const specPath = join(repoRoot(), 'examples/inventory.yaml');
    const spec = parseValidSpec(await readFile(specPath, 'utf8'), specPath);
    db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query(`CREATE SCHEMA ${SCHEMA}`);
    parent = await tempDir('readiness');
    const dir = await generateInto(spec, parent);
    await bundle(dir);
    server = (env) =>
      generatedServer({
        id: 'inventory',
        label: 'generated inventory (bundled)',
        spec,
        dir,
        entry: 'dist/server.mjs',
        env: { MCP_API_KEYS: 'ready-key', INVENTORY_WEBHOOK_SECRET: 'ready-secret', ...env },
        sampleCall: { tool: 'get_stock_level', arguments: { sku: 'X' }, expected: {} },
      });
  }, 120_000);

  afterAll(async () => {
    await db?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await db?.end();
    if (parent) await removeDir(parent);
  });

  async function readyz(env: Record<string, string>): Promise<{ status: number; body: Report }> {
    const running = await startHttpServer(server(env));
    try {
      const response = await fetch(`http://127.0.0.1:${running.port}/readyz`);
      return { status: response.status, body: (await response.json()) as Report };
    } finally {
      await running.stop();
    }
  }

  it('answers 200 when PostgreSQL answers SELECT 1', async () => {
    const good = new URL(url!);
    good.searchParams.set('options', `-c search_path=${SCHEMA}`);
    const { status, body } = await readyz({ DATABASE_URL: good.toString() });
    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'ready',
      connections: [expect.objectContaining({ name: 'inventory_db', type: 'postgresql', status: 'ready' })],
    });
  }, 30_000);

  it('answers 503 naming the connection and its error when the database is unreachable', async () => {
    const { status, body } = await readyz({ DATABASE_URL: DEAD_URL });
    expect(status).toBe(503);
    expect(body.status).toBe('not ready');
    expect(body.connections).toEqual([
      expect.objectContaining({
        name: 'inventory_db',
        status: 'failing',
        error: expect.stringMatching(/ECONNREFUSED/),
      }),
    ]);
    expect(JSON.stringify(body)).not.toContain('s3cret-pass');
  }, 30_000);

  it('answers 503 with the connection not configured when its variable is unset', async () => {
    const { status, body } = await readyz({});
    expect(status).toBe(503);
    expect(body.connections).toEqual([
      expect.objectContaining({
        name: 'inventory_db',
        status: 'not configured',
        error: 'set the environment variable DATABASE_URL',
      }),
    ]);
  }, 30_000);
});
