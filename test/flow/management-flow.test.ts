/**
 * The README's main flow, end to end on a clean data dir: create → deploy (local) → test (real MCP call,
 * real SQLite data) → logs → stop → start → remove, which must leave no process and no registry rows.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { openRegistry } from '../../src/registry/index.js';
import { cli } from '../helpers/run-cli.js';

const NOTES = resolve('examples/notes.yaml');
const work = mkdtempSync(join(tmpdir(), 'mcp-flow-'));
const env = { ...process.env, MCP_FACTORY_HOME: join(work, 'home') };
const run = (...argv: string[]) => cli(argv, { cwd: work, env });

interface TestAllJson {
  counts: Record<string, number>;
  skipped: { tool: string; reason: string }[];
}

function processesOf(home: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(home));
}

describe('management flow on the local target', () => {
  beforeAll(async () => {
    const created = await run('create', '--spec', NOTES, '--out', 'notes', '--json');
    expect(created.code, created.stderr).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await run('remove', 'notes', '--force');
    rmSync(work, { recursive: true, force: true });
  });

  it('catalogues the created version', async () => {
    const list = await run('list', '--json');
    expect(list.json<{ servers: { name: string; latestVersion: string }[] }>().servers).toEqual([
      expect.objectContaining({ name: 'notes', latestVersion: '1.0.0' }),
    ]);
  });

  it('deploys, calls tools with real data, shows logs, stops, starts and removes without leftovers', async () => {
    const notYet = await run('stop', 'notes');
    expect(notYet.code).toBe(1);
    expect(notYet.stderr).toMatch(/notes is not deployed\nhint: deploy it with: mcp-deploy notes/);
    const deployed = await run('deploy', 'notes', '--json');
    expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
    const deployment = deployed.json<{
      deployment: { state: string; endpoint: string; deploymentDir: string };
    }>().deployment;
    expect(deployment.state).toBe('running');
    // Deploying must not regenerate: the project folder holds exactly this version.
    expect(deployed.json<{ regeneratedFrom?: string }>().regeneratedFrom).toBeUndefined();

    const added = await run('test', 'notes', 'add_note', '{"title":"flow","body":"end to end"}', '--json');
    expect(added.code, added.stdout).toBe(0);
    const note = added.json<{ structuredContent: { id: number; title: string } }>().structuredContent;
    expect(note.title).toBe('flow');
    const found = await run('test', 'notes', 'search_notes', '{"query":"end to"}', '--json');
    expect(found.json<{ structuredContent: { items: { id: number }[] } }>().structuredContent.items).toEqual([
      expect.objectContaining({ id: note.id }),
    ]);

    const bad = await run('test', 'notes', 'get_note', '{"id":"not a number"}');
    expect(bad.code).toBe(1);

    // --all calls read-only tools only: the deployment's notes are the user's data.
    const noteIds = async () => {
      const listed = await run('test', 'notes', 'search_notes', '{"query":"","limit":500}', '--json');
      return listed.json<{ structuredContent: { items: { id: number }[] } }>().structuredContent.items;
    };
    const before = await noteIds();
    const all = await run('test', 'notes', '--all', '--json');
    const report = all.json<TestAllJson>();
    expect(report.counts).toMatchObject({ pass: 2, fail: 0, not_implemented: 0, skipped: 2 });
    expect(report.skipped).toEqual([
      { tool: 'add_note', reason: expect.stringContaining('--include-writes') },
      { tool: 'delete_note', reason: expect.stringContaining('--include-destructive') },
    ]);
    expect(await noteIds()).toEqual(before);
    const table = await run('test', 'notes', '--all');
    expect(table.stdout).toMatch(/add_note\s+skipped\s+-\s+writes: may change real data/);

    const writes = await run('test', 'notes', '--all', '--include-writes', '--json');
    expect(writes.json<TestAllJson>().counts).toMatchObject({ pass: 3, fail: 0, skipped: 1 });
    expect(await noteIds()).toHaveLength(before.length + 1);

    const status = await run('status', 'notes', '--json');
    const live = status.json<{ deployments: { state: string; serverPid: number; restarts: number }[] }>()
      .deployments;
    expect(live).toEqual([expect.objectContaining({ state: 'running', restarts: 0 })]);

    const logs = await run('logs', 'notes', '-n', '200', '--json');
    const calls = logs
      .json<{ records: { msg?: string; tool?: string }[] }>()
      .records.filter((record) => record.msg === 'tool call' && record.tool === 'add_note');
    expect(calls.length).toBeGreaterThan(0);

    expect((await run('stop', 'notes')).code).toBe(0);
    expect(processesOf(env.MCP_FACTORY_HOME)).toEqual([]);
    const restarted = await run('start', 'notes', '--json');
    expect(restarted.json<{ state: string }>().state).toBe('running');
    // Piped (no terminal), a redeploy still says what it is doing, as plain lines on stderr.
    const redeployed = await run('deploy', 'notes');
    expect(redeployed.code, redeployed.stderr).toBe(0);
    expect(redeployed.stderr).toMatch(/^… bundling notes 1\.0\.0\n… starting on the local target\n/m);

    const refused = await run('remove', 'notes');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--force/);
    const removed = await run('remove', 'notes', '--force', '--json');
    expect(removed.code, removed.stderr).toBe(0);
    expect(processesOf(env.MCP_FACTORY_HOME)).toEqual([]);
    const registry = await openRegistry({ home: env.MCP_FACTORY_HOME });
    try {
      expect(await registry.listServers()).toEqual([]);
      expect(await registry.listDeployments()).toEqual([]);
    } finally {
      await registry.close();
    }
    // Recreate for the other tests in this file.
    expect((await run('create', '--spec', NOTES, '--out', 'notes')).code).toBe(0);
  }, 120_000);

  it('collects per-tool usage from a server running on HTTP, counting each call once', async () => {
    const deployed = await run('deploy', 'notes', '--transport', 'http', '--json');
    expect(deployed.code, deployed.stdout + deployed.stderr).toBe(0);
    try {
      for (const title of ['one', 'two']) {
        expect((await run('test', 'notes', 'add_note', JSON.stringify({ title }))).code).toBe(0);
      }
      expect((await run('test', 'notes', 'get_note', '{"id":999999}')).code).toBe(1);
      const usageOf = async () => {
        const status = await run('status', 'notes', '--json');
        return status.json<{ usage: { tool: string; calls: number; errors: number }[] }>().usage;
      };
      const first = await usageOf();
      expect(first).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ tool: 'add_note', calls: 2, errors: 0 }),
          expect.objectContaining({ tool: 'get_note', calls: 1, errors: 1 }),
        ]),
      );
      expect(await usageOf()).toEqual(first);
    } finally {
      await run('stop', 'notes');
    }
  }, 60_000);

  it('refuses the same version with a different spec before touching the project', async () => {
    const changed = readFileSync(NOTES, 'utf8').replace(/^description: .*$/m, 'description: Changed.');
    const before = readFileSync(join(work, 'notes', 'README.md'), 'utf8');
    const result = await run('create', '--spec-json', JSON.stringify(parseYaml(changed)), '--out', 'notes');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/error\[CONFLICT\]: notes 1\.0\.0 already exists with a different spec/);
    expect(readFileSync(join(work, 'notes', 'README.md'), 'utf8')).toBe(before);
  });

  it('says clearly what is wrong for unknown servers and bad arguments', async () => {
    const unknown = await run('deploy', 'no-such-server');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/NOT_FOUND/);
    expect(unknown.stderr).not.toMatch(/\n\s+at /);
    const notDeployed = await run('logs', 'ghost');
    expect(notDeployed.code).toBe(1);
    expect(notDeployed.stderr).toMatch(/ghost is not deployed: the catalogue has no server named "ghost"/);
    // The hint never suggests a command that would itself fail.
    expect(notDeployed.stderr).not.toMatch(/mcp-deploy ghost/);
    expect(notDeployed.stderr).toMatch(/hint: mcp-list shows the servers/);
    const badJson = await run('test', 'notes', 'add_note', '{title:');
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(/not valid JSON/);
    const badPort = await run('deploy', 'notes', '--port', '99999');
    expect(badPort.code).toBe(2);
  });
});
