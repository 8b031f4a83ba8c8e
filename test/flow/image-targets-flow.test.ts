/**
 * The README's management flow on the image-based targets, through the CLI as a user types it:
 * create → deploy --target docker|microvm → test (real MCP calls, real SQLite data) → status → logs → stop →
 * start → remove --purge, which must leave no container, VM process or file of the deployment behind.
 * Each target needs its engine: MCP_TEST_DOCKER_HOST (a Docker socket) and MCP_TEST_QEMU (qemu-system-x86_64),
 * which .ci/run sets; without them these tests are skipped and say so.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.js';

const NOTES = resolve('examples/notes.yaml');
const DOCKER_HOST = process.env.MCP_TEST_DOCKER_HOST;
const QEMU = process.env.MCP_TEST_QEMU;

interface Deployment {
  target: string;
  state: string;
  endpoint: string;
  restarts: number;
  details?: Record<string, string | number | boolean>;
}

interface Workspace {
  readonly name: string;
  /** The throwaway data dir (MCP_FACTORY_HOME); made before the describe's tests, deleted after them. */
  readonly home: string;
  run(...argv: string[]): ReturnType<typeof cli>;
}

/**
 * Registers, in the calling describe, a throwaway folder with the notes spec renamed `notes-<label>` (the
 * engine's container and image names are shared by every test file running at once) and the server
 * created from it; after the tests the server is removed with --purge and the folder deleted. Nothing is
 * made for a skipped describe.
 */
function createdWorkspace(label: string): Workspace {
  const name = `notes-${label}`;
  let work = '';
  const env = () => ({ ...process.env, MCP_FACTORY_HOME: join(work, 'home'), DOCKER_HOST: DOCKER_HOST });
  const space: Workspace = {
    name,
    get home() {
      return join(work, 'home');
    },
    run: (...argv) => cli(argv, { cwd: work, env: env() }),
  };
  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), `mcp-flow-${label}-`));
    const spec = join(work, 'notes.yaml');
    writeFileSync(spec, readFileSync(NOTES, 'utf8').replace(/^name: notes$/m, `name: ${name}`));
    const created = await space.run('create', '--spec', spec, '--out', 'project');
    expect(created.code, created.stderr).toBe(0);
  }, 60_000);
  afterAll(async () => {
    await space.run('remove', name, '--force', '--purge');
    rmSync(work, { recursive: true, force: true });
  });
  return space;
}

/** Names of the engine's containers (all states) labelled as this factory's, from the engine API. */
function factoryContainers(name: string): Promise<string[]> {
  const socketPath = (DOCKER_HOST ?? '').replace(/^unix:\/\//, '');
  const filters = encodeURIComponent(JSON.stringify({ label: [`mcp-factory.name=${name}`] }));
  return new Promise((done, fail) => {
    const req = request({ socketPath, path: `/containers/json?all=1&filters=${filters}` }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      res.on('end', () => done((JSON.parse(body) as { Names: string[] }[]).flatMap((c) => c.Names)));
    });
    req.on('error', fail);
    req.end();
  });
}

function vmProcessesUnder(home: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes('qemu-system') && line.includes(home));
}

async function exerciseNotes(space: Workspace, target: string): Promise<void> {
  const { run, name } = space;
  const added = await run('test', name, 'add_note', `{"title":"on ${target}","body":"flow"}`, '--json');
  expect(added.code, added.stdout + added.stderr).toBe(0);
  const note = added.json<{ structuredContent: { id: number } }>().structuredContent;
  const found = await run('test', name, 'search_notes', `{"query":"${target}"}`, '--json');
  expect(found.code, found.stdout + found.stderr).toBe(0);
  expect(found.json<{ structuredContent: { items: { id: number }[] } }>().structuredContent.items).toEqual([
    expect.objectContaining({ id: note.id }),
  ]);
  const logs = await run('logs', name, '--tail', '500', '--json');
  expect(logs.code, logs.stderr).toBe(0);
  const calls = logs
    .json<{ records: { msg?: string; tool?: string }[] }>()
    .records.filter((record) => record.msg === 'tool call' && record.tool === 'add_note');
  expect(calls.length, logs.stdout).toBeGreaterThan(0);
}

describe('target-specific deploy flags are refused for other targets', () => {
  const { run, name } = createdWorkspace('flags');
  it.each([
    [['--replicas', '2'], /--replicas applies to --target docker, not local/],
    [['--no-snapshot'], /--no-snapshot applies to --target microvm, not local/],
    [['--target', 'docker', '--kernel', 'x'], /--kernel applies to --target microvm, not docker/],
    [['--target', 'docker', '--transport', 'stdio'], /docker target runs servers over HTTP only/],
    [['--target', 'microvm', '--cpus', '1.5'], /whole number of vCPUs/],
    [['--target', 'kubernetes'], /--target must be one of local, docker, microvm/],
  ])('deploy %j', async (flags, message) => {
    const result = await run('deploy', name, ...flags);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.skipIf(DOCKER_HOST === undefined)(
  'management flow on the docker target (skipped: set MCP_TEST_DOCKER_HOST to a Docker socket)',
  () => {
    const space = createdWorkspace('docker');
    const { run, name } = space;

    it('deploys, calls tools, shows logs, stops, starts and removes with --purge leaving nothing', async () => {
      const deployed = await run('deploy', name, '--target', 'docker', '--memory', '192', '--json');
      expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
      const deployment = deployed.json<{ deployment: Deployment }>().deployment;
      expect(deployment).toMatchObject({ target: 'docker', state: 'running' });
      expect(String(deployment.details?.image)).toBe(`mcp-factory/${name}:1.0.0`);
      await exerciseNotes(space, 'docker');

      const status = await run('status', name, '--json');
      expect(status.code, status.stdout).toBe(0);
      expect(status.json<{ deployments: Deployment[] }>().deployments).toEqual([
        expect.objectContaining({ target: 'docker', state: 'running', restarts: 0 }),
      ]);

      // Deployed on two targets, a lifecycle command must be told which, and mcp-list shows both.
      expect((await run('deploy', name, '--target', 'local')).code).toBe(0);
      const listed = await run('list');
      const rows = listed.stdout.split('\n').filter((line) => line.startsWith(`${name} `));
      expect(rows.map((row) => row.split(/\s+/).slice(2, 4))).toEqual([
        ['docker', 'running'],
        ['local', 'running'],
      ]);
      const ambiguous = await run('stop', name);
      expect(ambiguous.code).toBe(2);
      expect(ambiguous.stderr).toMatch(
        /deployed on .*local.* and .*docker|deployed on .*docker.* and .*local/,
      );
      expect((await run('stop', name, '--target', 'local')).code).toBe(0);

      const stopped = await run('stop', name, '--target', 'docker', '--json');
      expect(stopped.json<Deployment>().state).toBe('stopped');
      const started = await run('start', name, '--target', 'docker', '--json');
      expect(started.code, started.stdout + started.stderr).toBe(0);
      expect(started.json<Deployment>().state).toBe('running');
      // The SQLite file lives in the container's data volume: the note survived the restart.
      const again = await run('test', name, 'search_notes', '{"query":"docker"}', '--json');
      expect(again.json<{ structuredContent: { items: unknown[] } }>().structuredContent.items).toHaveLength(
        1,
      );

      const removed = await run('remove', name, '--force', '--purge', '--json');
      expect(removed.code, removed.stderr).toBe(0);
      expect(await factoryContainers(name)).toEqual([]);
    }, 240_000);
  },
);

/** `docker kill NAME` (SIGKILL) through the engine API. */
function engineKill(container: string): Promise<number> {
  const socketPath = (DOCKER_HOST ?? '').replace(/^unix:\/\//, '');
  return new Promise((done, fail) => {
    const req = request({ socketPath, method: 'POST', path: `/containers/${container}/kill` }, (res) => {
      res.resume();
      res.on('end', () => done(res.statusCode ?? 0));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Names of this server's volumes and images on the engine (what a plain remove must keep). */
async function volumesAndImages(name: string): Promise<string[]> {
  const socketPath = (DOCKER_HOST ?? '').replace(/^unix:\/\//, '');
  const get = (path: string) =>
    new Promise<unknown>((done, fail) => {
      const req = request({ socketPath, path }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString();
        });
        res.on('end', () => done(JSON.parse(body)));
      });
      req.on('error', fail);
      req.end();
    });
  const volumes = ((await get('/volumes')) as { Volumes: { Name: string }[] | null }).Volumes ?? [];
  const images = (await get('/images/json')) as { RepoTags: string[] | null }[];
  return [
    ...volumes.map((v) => v.Name).filter((v) => v === `mcp-factory-${name}-data`),
    ...images.flatMap((i) => i.RepoTags ?? []).filter((tag) => tag.startsWith(`mcp-factory/${name}:`)),
  ].sort();
}

describe.skipIf(DOCKER_HOST === undefined)(
  'remove on the docker target keeps user data unless --purge (skipped: set MCP_TEST_DOCKER_HOST to a Docker socket)',
  () => {
    const space = createdWorkspace('keep');
    const { run, name } = space;
    const kept = [`mcp-factory-${name}-data`, `mcp-factory/${name}:1.0.0`];

    it('a plain remove keeps the data volume and images; a redeploy finds the data; --purge after a plain remove deletes them', async () => {
      expect((await run('deploy', name, '--target', 'docker')).code).toBe(0);
      const added = await run('test', name, 'add_note', '{"title":"kept","body":"in the volume"}');
      expect(added.code, added.stdout + added.stderr).toBe(0);

      const removed = await run('remove', name, '--force');
      expect(removed.code, removed.stderr).toBe(0);
      expect(removed.stdout).toMatch(/kept its images and data volume/);
      expect(await factoryContainers(name)).toEqual([]);
      expect(await volumesAndImages(name)).toEqual(kept);

      // The same server created and deployed again finds the note the first deployment wrote.
      expect((await run('create', '--spec', 'notes.yaml', '--out', 'project')).code).toBe(0);
      expect((await run('deploy', name, '--target', 'docker')).code).toBe(0);
      const found = await run('test', name, 'search_notes', '{"query":"kept"}', '--json');
      expect(found.json<{ structuredContent: { items: unknown[] } }>().structuredContent.items).toHaveLength(
        1,
      );
      expect((await run('remove', name, '--force')).code).toBe(0);

      const purged = await run('remove', name, '--force', '--purge', '--json');
      expect(purged.code, purged.stdout + purged.stderr).toBe(0);
      expect([...purged.json<{ purged: string[] }>().purged].sort()).toEqual(kept);
      expect(await volumesAndImages(name)).toEqual([]);
      const nothing = await run('remove', name, '--force', '--purge');
      expect(nothing.code).toBe(1);
      expect(nothing.stderr).toMatch(new RegExp(`no server named ${name}`));
    }, 240_000);
  },
);

describe.skipIf(DOCKER_HOST === undefined)(
  'usage of docker replicas (skipped: set MCP_TEST_DOCKER_HOST to a Docker socket)',
  () => {
    const space = createdWorkspace('usage');
    const { run, name } = space;
    const addNoteCalls = async () => {
      const status = await run('status', name, '--json');
      expect(status.code, status.stdout + status.stderr).toBe(0);
      const usage = status.json<{ usage: { tool: string; calls: number }[] }>().usage;
      return usage.find((u) => u.tool === 'add_note')?.calls ?? 0;
    };

    it('counts each replica once: repeated status with no traffic adds nothing', async () => {
      const deployed = await run('deploy', name, '--target', 'docker', '--replicas', '2');
      expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
      // Each mcp-test is a new client on a new connection: the balancer spreads them over both replicas.
      for (let i = 1; i <= 6; i++) {
        const added = await run('test', name, 'add_note', `{"title":"usage ${i}"}`);
        expect(added.code, added.stdout + added.stderr).toBe(0);
      }
      const seen = [await addNoteCalls(), await addNoteCalls(), await addNoteCalls()];
      expect((await run('list', '--json')).code).toBe(0);
      seen.push(await addNoteCalls());
      expect(seen).toEqual([6, 6, 6, 6]);

      // The CLI that deployed has exited; the deployment's watcher has not: a killed replica comes back.
      await engineKill(`mcp-factory-${name}-1`);
      const deadline = Date.now() + 30_000;
      let deployment: Deployment | undefined;
      while (Date.now() < deadline) {
        deployment = (await run('status', name, '--json')).json<{ deployments: Deployment[] }>()
          .deployments[0];
        if (deployment?.state === 'running' && deployment.restarts === 1) break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(deployment).toMatchObject({ state: 'running', restarts: 1, details: { replicas: '2/2' } });
    }, 240_000);
  },
);

describe.skipIf(QEMU === undefined)(
  'management flow on the microvm target (skipped: set MCP_TEST_QEMU to qemu-system-x86_64)',
  () => {
    const space = createdWorkspace('microvm');
    const { run, name } = space;

    it('deploys, calls tools, shows logs, stops, starts and removes with --purge leaving nothing', async () => {
      const deployed = await run('deploy', name, '--target', 'microvm', '--json');
      expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
      const deployment = deployed.json<{ deployment: Deployment }>().deployment;
      expect(deployment).toMatchObject({ target: 'microvm', state: 'running' });
      expect(['kvm', 'tcg']).toContain(deployment.details?.accelerator);
      await exerciseNotes(space, 'microvm');

      const status = await run('status', name);
      expect(status.code, status.stdout).toBe(0);
      expect(status.stdout).toMatch(/microvm: running/);
      expect(status.stdout).toMatch(/accelerator: (kvm|tcg)/);

      const stopped = await run('stop', name, '--json');
      expect(stopped.json<Deployment>().state).toBe('stopped');
      expect(vmProcessesUnder(space.home)).toEqual([]);
      const started = await run('start', name, '--json');
      expect(started.code, started.stdout + started.stderr).toBe(0);
      expect(started.json<Deployment>().state).toBe('running');

      const removed = await run('remove', name, '--force', '--purge', '--json');
      expect(removed.code, removed.stderr).toBe(0);
      expect(vmProcessesUnder(space.home)).toEqual([]);
      // Only the shared kernel cache (and its accelerator probe) may stay: it serves every server.
      const microvmDir = join(space.home, 'microvm');
      const files = readdirSync(microvmDir, { recursive: true, withFileTypes: true })
        .filter((entry) => !entry.isDirectory())
        .map((entry) => relative(microvmDir, join(entry.parentPath, entry.name)));
      expect(files.some((file) => file.startsWith('cache/kernels/'))).toBe(true);
      expect(files.filter((file) => !/^cache\/(kernels|accelerator)\//.test(file))).toEqual([]);
    }, 300_000);
  },
);
