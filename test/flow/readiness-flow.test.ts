/**
 * Readiness through the CLI, as a user meets it: the inventory example deployed with an env file whose
 * database cannot be reached is reported — by deploy (exit 3, naming the connection and its error) and by
 * status (running but `ready: no`, per connection) — instead of "healthy"; with a real PostgreSQL the
 * deploy waits for it and status says ready. No secret from the env file appears in any output.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.js';

const DOCKER_HOST = process.env.MCP_TEST_DOCKER_HOST;
const POSTGRES_URL = process.env.MCP_TEST_POSTGRES_URL;
const SECRET = 'pw-never-printed';
const API_KEY = 'ready-flow-key';
const SCHEMA = `mcp_ready_flow_${process.pid}`;

interface Readiness {
  ready: boolean;
  connections: { name: string; type: string; status: string; error?: string }[];
}
interface Deployment {
  target: string;
  state: string;
  readiness?: Readiness;
}

describe.skipIf(DOCKER_HOST === undefined || POSTGRES_URL === undefined)(
  'readiness in deploy and status (skipped: set MCP_TEST_DOCKER_HOST and MCP_TEST_POSTGRES_URL)',
  () => {
    const name = `inventory-ready-${process.pid}`;
    let work = '';
    let db: pg.Client;
    const run = (...argv: string[]) =>
      cli(argv, {
        cwd: work,
        env: { ...process.env, MCP_FACTORY_HOME: join(work, 'home'), DOCKER_HOST, MCP_API_KEYS: API_KEY },
      });
    const envFile = (file: string, databaseUrl: string) =>
      writeFileSync(
        join(work, file),
        `DATABASE_URL=${databaseUrl}\nMCP_API_KEYS=${API_KEY}\nINVENTORY_WEBHOOK_SECRET=${SECRET}-hook\n`,
      );

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), 'mcp-flow-ready-'));
      const spec = readFileSync(resolve('examples/inventory.yaml'), 'utf8');
      writeFileSync(join(work, 'inventory.yaml'), spec.replace(/^name: inventory-mcp$/m, `name: ${name}`));
      expect((await run('create', '--spec', 'inventory.yaml', '--out', 'project')).code).toBe(0);
      db = new pg.Client({ connectionString: POSTGRES_URL });
      await db.connect();
      await db.query(`CREATE SCHEMA ${SCHEMA}`);
      // A name that never resolves: unreachable from the host and from any container alike.
      envFile('unreachable.env', `postgres://postgres:${SECRET}@db.invalid:5432/inventory`);
      const good = new URL(POSTGRES_URL!);
      good.searchParams.set('options', `-c search_path=${SCHEMA}`);
      envFile('good.env', good.toString());
    }, 60_000);

    afterAll(async () => {
      await run('remove', name, '--force', '--purge');
      await db?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
      await db?.end();
      rmSync(work, { recursive: true, force: true });
    });

    it('docker with an unreachable database: deploy names the connection, status says not ready', async () => {
      const deployed = await run('deploy', name, '--target', 'docker', '--env-file', 'unreachable.env');
      expect(deployed.code, deployed.stdout + deployed.stderr).toBe(3);
      expect(deployed.stderr).toMatch(
        /not ready: connection "inventory_db" \(postgresql\): failing — .*ENOTFOUND/,
      );
      expect(deployed.stderr).not.toMatch(/\n\s+at /);

      const status = await run('status', name, '--json');
      expect(status.code).toBe(1);
      const [docker] = status.json<{ deployments: Deployment[] }>().deployments;
      expect(docker).toMatchObject({ target: 'docker', state: 'running', readiness: { ready: false } });
      expect(docker?.readiness?.connections).toEqual([
        expect.objectContaining({ name: 'inventory_db', type: 'postgresql', status: 'failing' }),
      ]);
      const text = await run('status', name);
      expect(text.stdout).toMatch(/ready: no\n\s+inventory_db \(postgresql\): failing/);
      for (const output of [deployed, status, text])
        expect(output.stdout + output.stderr).not.toContain(SECRET);
      expect((await run('remove', name, '--force')).code).toBe(0);
      expect((await run('create', '--spec', 'inventory.yaml', '--out', 'project')).code).toBe(0);
    }, 180_000);

    it('local with a real PostgreSQL: deploy waits for it and status says ready', async () => {
      const deployed = await run('deploy', name, '--target', 'local', '--env-file', 'good.env', '--json');
      expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
      expect(deployed.json<{ deployment: Deployment }>().deployment.readiness).toMatchObject({ ready: true });
      const status = await run('status', name, '--json');
      expect(status.code, status.stdout).toBe(0);
      expect(status.json<{ deployments: Deployment[] }>().deployments[0]?.readiness).toEqual(
        expect.objectContaining({
          ready: true,
          connections: [expect.objectContaining({ name: 'inventory_db', status: 'ready' })],
        }),
      );
    }, 120_000);
  },
);
