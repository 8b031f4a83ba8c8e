/**
 * Configuration that lasts, on the local target, through the CLI as a user types it: a server with an API
 * key and a database path from an env file keeps both across stop/start, a restart and a killed
 * supervisor; mcp-test and the health checks use the key from that file (the shell has none); the spec's
 * port is used; the client config names the key's variable; a canary secret appears nowhere.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/targets/local/free-port.js';
import { cli } from '../helpers/run-cli.js';

const CANARY = `canary-${process.pid}-${Date.now().toString(36)}`;
const work = mkdtempSync(join(tmpdir(), 'mcp-env-'));
const home = join(work, 'home');
const { KEYED_API_KEYS: _k, KEYED_DB: _d, ...shell } = process.env;
const env = { ...shell, MCP_FACTORY_HOME: home };
const outputs: string[] = [];
const run = async (...argv: string[]) => {
  const result = await cli(argv, { cwd: work, env });
  outputs.push(result.stdout, result.stderr);
  return result;
};

function spec(port: number): string {
  return `name: keyed
version: 1.0.0
description: Reads a motto from the SQLite file its env names, behind an API key.
transport: http
http: { host: 127.0.0.1, port: ${port} }
auth: { type: api_key, header: X-API-Key, envVar: KEYED_API_KEYS }
connections:
  - { name: mottos, type: sqlite, envVar: KEYED_DB }
tools:
  - name: read_motto
    description: The motto stored in the database.
    connection: mottos
    parameters: {}
    returns: { type: object, properties: { motto: { type: string } } }
    implementation: { type: sql, statement: SELECT motto FROM mottos LIMIT 1, result: first }
    annotations: { readOnly: true }
`;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((entry) => join(dir, entry))
    .filter((path) => statSync(path).isFile());
}

async function waitUntilDead(pid: number): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (Date.now() < deadline) {
    if (!existsSync(`/proc/${pid}`) || readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ')) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`pid ${pid} still alive`);
}

async function motto(): Promise<string> {
  const called = await run('test', 'keyed', 'read_motto', '{}', '--json');
  expect(called.code, called.stdout + called.stderr).toBe(0);
  return called.json<{ structuredContent: { motto: string } }>().structuredContent.motto;
}

describe('a deployment keeps the env file it was deployed with (local)', () => {
  let specPort: number;
  const envFile = join(work, 'keyed.env');

  beforeAll(async () => {
    specPort = await freePort();
    writeFileSync(join(work, 'keyed.yaml'), spec(specPort));
    const db = new Database(join(work, 'mottos.db'));
    db.exec("CREATE TABLE mottos (motto TEXT); INSERT INTO mottos VALUES ('configuration that lasts')");
    db.close();
    // Several comma-separated keys: health checks and mcp-test must send one of them, not the list.
    writeFileSync(envFile, `KEYED_API_KEYS=${CANARY},second-key\nKEYED_DB=${join(work, 'mottos.db')}\n`);
    const created = await run('create', '--spec', join(work, 'keyed.yaml'), '--out', 'keyed', '--json');
    expect(created.code, created.stderr).toBe(0);
  }, 120_000);

  afterAll(async () => {
    await run('remove', 'keyed', '--force');
    rmSync(work, { recursive: true, force: true });
  });

  it('deploys on the spec port with the env file, survives stop/start and a killed supervisor, and never stores the key', async () => {
    const deployed = await run('deploy', 'keyed', '--env-file', 'keyed.env', '--json');
    expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
    const deployment = deployed.json<{
      deployment: { port: number; supervisorPid: number; clientConfig: unknown };
    }>().deployment;
    expect(deployment.port).toBe(specPort);
    expect(deployment.clientConfig).toEqual({
      mcpServers: {
        keyed: {
          type: 'http',
          url: `http://127.0.0.1:${specPort}/mcp`,
          // biome-ignore lint/suspicious/noTemplateCurlyInString: the literal reference clients expand
          headers: { 'X-API-Key': '${KEYED_API_KEYS}' },
        },
      },
    });
    expect(await motto()).toBe('configuration that lasts');

    expect((await run('stop', 'keyed')).code).toBe(0);
    const started = await run('start', 'keyed', '--json');
    expect(started.code, started.stdout + started.stderr).toBe(0);
    expect(started.json<{ state: string; restarts: number }>()).toMatchObject({ state: 'running' });
    expect(await motto()).toBe('configuration that lasts');

    const supervisorPid = (await run('status', 'keyed', '--json')).json<{
      deployments: { supervisorPid: number }[];
    }>().deployments[0]?.supervisorPid;
    process.kill(supervisorPid ?? 0, 'SIGKILL');
    await waitUntilDead(supervisorPid ?? 0);
    const dead = await run('status', 'keyed', '--json');
    expect(dead.json<{ deployments: { state: string; reason: string }[] }>().deployments[0]).toMatchObject({
      state: 'failed',
      reason: expect.stringMatching(/^supervisor died \(pid \d+\); server pid \d+ (left running|ended)$/),
    });
    const recovered = await run('start', 'keyed', '--json');
    expect(recovered.code, recovered.stdout + recovered.stderr).toBe(0);
    expect(await motto()).toBe('configuration that lasts');
    // The supervisor's own health checks pass with the first key of the list.
    const status = await run('status', 'keyed', '--json');
    expect(status.json<{ deployments: { state: string }[] }>().deployments[0]?.state).toBe('running');

    await run('logs', 'keyed', '--tail', '500', '--json');
    await run('list', '--json');
    const leaks = filesUnder(home).filter((file) => readFileSync(file).includes(CANARY));
    expect(leaks).toEqual([]);
    expect(outputs.filter((text) => text.includes(CANARY))).toEqual([]);
    const processes = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    expect(processes.includes(CANARY)).toBe(false);
  }, 120_000);

  it('a recorded env file that is gone is named on start; --env-file points elsewhere', async () => {
    expect((await run('stop', 'keyed')).code).toBe(0);
    const moved = join(work, 'moved.env');
    renameSync(envFile, moved);
    const missing = await run('start', 'keyed');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(`cannot read env file ${envFile} (ENOENT)`);
    expect(missing.stderr).not.toMatch(/\n\s+at /); // no stack trace for a user mistake
    const started = await run('start', 'keyed', '--env-file', 'moved.env', '--json');
    expect(started.code, started.stdout + started.stderr).toBe(0);
    expect(await motto()).toBe('configuration that lasts');
    // From now on the new file is the one recorded.
    expect((await run('stop', 'keyed')).code).toBe(0);
    expect((await run('start', 'keyed')).code).toBe(0);
    expect(await motto()).toBe('configuration that lasts');
  }, 90_000);

  it('mcp-test says which variable and which file lack the credential', async () => {
    const moved = join(work, 'moved.env');
    writeFileSync(moved, `KEYED_DB=${join(work, 'mottos.db')}\n`);
    const called = await run('test', 'keyed', 'read_motto', '{}');
    expect(called.code).toBe(2);
    expect(called.stderr).toContain(`KEYED_API_KEYS, which is not set (not in ${moved}`);
    expect(called.stderr).not.toContain('see mcp-logs');
    // A start checks before starting anything, naming the variable and the file.
    expect((await run('stop', 'keyed')).code).toBe(0);
    const start = await run('start', 'keyed');
    expect(start.code).toBe(2);
    expect(start.stderr).toContain(`keyed needs KEYED_API_KEYS: not in ${moved}, nor in this environment`);
  });
});

describe('the spec port is taken', () => {
  let blocker: Server;
  let port: number;
  const dir = mkdtempSync(join(tmpdir(), 'mcp-port-'));
  const portEnv = { ...shell, MCP_FACTORY_HOME: join(dir, 'home') };
  const runHere = (...argv: string[]) => cli(argv, { cwd: dir, env: portEnv });

  beforeAll(async () => {
    port = await freePort();
    blocker = createServer().listen(port, '127.0.0.1');
    writeFileSync(join(dir, 'keyed.yaml'), spec(port));
    const db = new Database(join(dir, 'mottos.db'));
    db.exec("CREATE TABLE mottos (motto TEXT); INSERT INTO mottos VALUES ('moved')");
    db.close();
    // A .env in the project folder is read without --env-file.
    expect((await runHere('create', '--spec', join(dir, 'keyed.yaml'), '--out', 'keyed')).code).toBe(0);
    writeFileSync(join(dir, 'keyed', '.env'), `KEYED_API_KEYS=k1\nKEYED_DB=${join(dir, 'mottos.db')}\n`);
  }, 120_000);

  afterAll(async () => {
    await runHere('remove', 'keyed', '--force');
    blocker.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says so and picks another; the project .env is read by default', async () => {
    const deployed = await runHere('deploy', 'keyed', '--json');
    expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
    const result = deployed.json<{ deployment: { port: number; state: string }; warnings: string[] }>();
    expect(result.deployment.state).toBe('running');
    expect(result.deployment.port).not.toBe(port);
    expect(result.warnings).toEqual([
      `port ${port} (the spec's http.port) was taken: keyed listens on ${result.deployment.port}`,
    ]);
    const called = await runHere('test', 'keyed', 'read_motto', '{}', '--json');
    expect(called.code, called.stdout + called.stderr).toBe(0);
  }, 90_000);
});
