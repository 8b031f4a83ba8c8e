/**
 * Issue 10's "done when", through the CLI as a user types it: examples/inventory.yaml (PostgreSQL, API-key
 * auth) deployed with an env file on local and on docker; stop, start, a tool call that reads PostgreSQL on
 * each; kill -9 of the local supervisor, start again — every call succeeds, and the canary secrets (the
 * API key, the database password) appear nowhere in the home folder (registry, logs, state), the logs,
 * status or JSON output. The env file says 127.0.0.1: the docker deployment reaches PostgreSQL through
 * host.docker.internal, and is refused with a hint while nothing listens on the bridge gateway.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Docker from 'dockerode';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { type GatewayRelay, relayToLoopback } from '../helpers/gateway-relay.js';
import { cli } from '../helpers/run-cli.js';
import { repoRoot } from './lib/repo-root.js';

const url = process.env.MCP_TEST_POSTGRES_URL;
const dockerHost = process.env.MCP_TEST_DOCKER_HOST?.trim() || undefined;
if (!url) console.warn('inventory-deploy-e2e: skipped — set MCP_TEST_POSTGRES_URL');
else if (!dockerHost)
  console.warn(
    'inventory-deploy-e2e: docker half skipped — set MCP_TEST_DOCKER_HOST (unix:///var/run/docker.sock)',
  );

const SUFFIX = `${process.pid}-${Date.now().toString(36)}`;
const NAME = `inventory-e2e-${SUFFIX}`;
const SCHEMA = `mcp_deploy_e2e_${SUFFIX.replace(/-/g, '_')}`;
const API_KEY = `canary-key-${SUFFIX}`;
const DB_PASSWORD = `canary-pw-${SUFFIX}`;
const CANARIES = [API_KEY, DB_PASSWORD];

const work = mkdtempSync(join(tmpdir(), 'mcp-deploy-e2e-'));
const home = join(work, 'home');
const { MCP_API_KEYS: _k, DATABASE_URL: _d, ...shell } = process.env;
const env = { ...shell, MCP_FACTORY_HOME: home };
const outputs: string[] = [];
async function run(...argv: string[]) {
  const result = await cli(argv, { cwd: work, env });
  outputs.push(result.stdout, result.stderr);
  return result;
}

/** postgres://postgres:<canary>@127.0.0.1:5432/test?options=-c search_path=<schema> (trust auth ignores it). */
function databaseUrl(base: string): string {
  const parsed = new URL(base);
  parsed.password = DB_PASSWORD;
  parsed.searchParams.set('options', `-c search_path=${SCHEMA}`);
  return parsed.toString();
}

async function stockOf(sku: string): Promise<number> {
  const called = await run('test', NAME, 'get_stock_level', JSON.stringify({ sku }), '--json');
  expect(called.code, called.stdout + called.stderr).toBe(0);
  return called.json<{ structuredContent: { stock: number } }>().structuredContent.stock;
}

async function expectOk(...argv: string[]) {
  const result = await run(...argv);
  expect(result.code, `${argv.join(' ')}: ${result.stdout}${result.stderr}`).toBe(0);
  return result;
}

function leaks(): string[] {
  const files = readdirSync(home, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(home, entry))
    .filter((path) => statSync(path).isFile());
  const inFiles = files.filter((file) => CANARIES.some((canary) => readFileSync(file).includes(canary)));
  const inOutput = outputs.filter((text) => CANARIES.some((canary) => text.includes(canary)));
  return [...inFiles, ...inOutput.map((text) => `output: ${text.slice(0, 200)}`)];
}

describe.skipIf(!url)(
  'inventory deployed with an env file keeps working across stop/start and a killed supervisor',
  () => {
    let db: pg.Client;

    beforeAll(async () => {
      db = new pg.Client({ connectionString: url });
      await db.connect();
      await db.query(`CREATE SCHEMA ${SCHEMA}`);
      const spec = parseYaml(readFileSync(join(repoRoot(), 'examples/inventory.yaml'), 'utf8')) as {
        name: string;
        connections: { init: string[] }[];
      };
      for (const statement of spec.connections[0]?.init ?? []) {
        await db.query(`SET search_path TO ${SCHEMA}`);
        await db.query(statement);
      }
      await db.query(
        `INSERT INTO ${SCHEMA}.products (sku, name, category, price, stock) VALUES ('CL-100', 'Rain Jacket', 'clothing', 79, 40)`,
      );
      // A name of its own: the container name must not collide with other runs on the shared engine.
      writeFileSync(join(work, 'inventory.yaml'), stringifyYaml({ ...spec, name: NAME }));
      writeFileSync(
        join(work, 'inventory.env'),
        `DATABASE_URL=${databaseUrl(url ?? '')}\nMCP_API_KEYS=${API_KEY},another-key\nINVENTORY_WEBHOOK_SECRET=${API_KEY}-hook\n`,
      );
      await expectOk('create', '--spec', join(work, 'inventory.yaml'), '--out', 'inventory', '--json');
    }, 120_000);

    afterAll(async () => {
      await run('remove', NAME, '--force', '--purge');
      await db?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
      await db?.end();
      rmSync(work, { recursive: true, force: true });
    }, 120_000);

    it('local: deploy, stop, start, kill -9 the supervisor, start — every call reads PostgreSQL', async () => {
      await expectOk('deploy', NAME, '--env-file', 'inventory.env', '--json');
      expect(await stockOf('CL-100')).toBe(40);
      await expectOk('stop', NAME);
      await expectOk('start', NAME, '--json');
      await db.query(`UPDATE ${SCHEMA}.products SET stock = 41 WHERE sku = 'CL-100'`);
      expect(await stockOf('CL-100')).toBe(41);

      const status = await expectOk('status', NAME, '--json');
      const supervisorPid = status.json<{ deployments: { supervisorPid: number }[] }>().deployments[0]
        ?.supervisorPid;
      process.kill(supervisorPid ?? 0, 'SIGKILL');
      const deadline = Date.now() + 5_000;
      let reason = '';
      while (Date.now() < deadline && !reason.startsWith('supervisor died')) {
        const now = await run('status', NAME, '--json');
        reason = now.json<{ deployments: { reason?: string }[] }>().deployments[0]?.reason ?? '';
      }
      expect(reason).toMatch(
        new RegExp(`^supervisor died \\(pid ${supervisorPid}\\); server pid \\d+ left running$`),
      );
      await expectOk('start', NAME, '--json');
      expect(await stockOf('CL-100')).toBe(41);
      await expectOk('logs', NAME, '--tail', '500', '--json');
      await expectOk('stop', NAME); // docker next: mcp-test calls the one running deployment
      expect(leaks()).toEqual([]);
    }, 180_000);

    describe.skipIf(!dockerHost)('docker', () => {
      let relay: GatewayRelay | undefined;
      const engine = () =>
        new Docker({ socketPath: (dockerHost ?? '').replace(/^unix:\/\//, '') || '/var/run/docker.sock' });

      afterAll(async () => {
        await relay?.close();
      });

      it('refuses a 127.0.0.1 database URL while PostgreSQL does not listen on the bridge gateway', async () => {
        const refused = await run('deploy', NAME, '--target', 'docker', '--env-file', 'inventory.env');
        expect(refused.code).toBe(2);
        expect(refused.stderr).toMatch(
          /DATABASE_URL points at 127\.0\.0\.1:5432, which containers cannot reach: nothing listens on the Docker bridge address [\d.]+:5432/,
        );
        expect(refused.stderr).toContain("listen_addresses = 'localhost,");
      }, 180_000);

      it('with PostgreSQL on the gateway: deploy, stop, start — every call reads PostgreSQL', async () => {
        relay = await relayToLoopback(engine(), Number(new URL(url ?? '').port || 5432));
        await expectOk('deploy', NAME, '--target', 'docker', '--env-file', 'inventory.env', '--json');
        await db.query(`UPDATE ${SCHEMA}.products SET stock = 42 WHERE sku = 'CL-100'`);
        expect(await stockOf('CL-100')).toBe(42);
        await expectOk('stop', NAME, '--target', 'docker');
        const started = await expectOk('start', NAME, '--target', 'docker', '--json');
        expect(started.json<{ state: string }>().state).toBe('running');
        await db.query(`UPDATE ${SCHEMA}.products SET stock = 43 WHERE sku = 'CL-100'`);
        expect(await stockOf('CL-100')).toBe(43);
        await expectOk('status', NAME, '--json');
        await expectOk('list', '--json');
        await expectOk('logs', NAME, '--target', 'docker', '--tail', '500', '--json');
        expect(leaks()).toEqual([]);
      }, 300_000);
    });
  },
);
