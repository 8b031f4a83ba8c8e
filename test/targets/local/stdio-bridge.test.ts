/**
 * A stdio server deployed behind the bridge: every MCP session gets its own child process, the modern
 * (stateless) era works through a pool, and the generated client config really starts the server.
 */
import { readFileSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientConfig, DeploymentInfo } from '../../../src/targets/target.js';
import {
  type Connected,
  callJson,
  connect,
  FIXTURE_DIR,
  fixtureArtifact,
  groupMembers,
  pidAlive,
  testHome,
  waitFor,
} from './helpers.js';

const env = testHome();
const { target } = env;
let info: DeploymentInfo;

beforeAll(async () => {
  info = await target.deploy(fixtureArtifact('bridged', ['stdio']), {
    maxSessions: 6,
    sessionIdleMs: 60_000,
  });
});
afterAll(() => env.cleanup());

interface WhoAmI {
  readonly pid: number;
  readonly calls: number;
}

describe('local target, stdio server behind the bridge', () => {
  it('deploys healthy on the bridge endpoint', () => {
    expect(info).toMatchObject({ state: 'running', transport: 'stdio', restarts: 0 });
    expect(info.lastHealth).toMatchObject({ ok: true, tools: 6 });
  });

  it('gives each concurrent session its own child process', async () => {
    const sessions = await Promise.all([1, 2, 3, 4].map(() => connect(info.endpoint)));
    const first = await Promise.all(sessions.map((s) => callJson(s.client, 'whoami') as Promise<WhoAmI>));
    const pids = first.map((who) => who.pid);
    expect(new Set(pids).size).toBe(4);
    expect(first.every((who) => who.calls === 1)).toBe(true);
    // State is per process: a second call in session 0 counts 2 there and nowhere else.
    expect(await callJson(sessions[0]!.client, 'whoami')).toEqual({ pid: pids[0], calls: 2 });
    expect(await callJson(sessions[1]!.client, 'whoami')).toEqual({ pid: pids[1], calls: 2 });
    // Every child lives in the deployment's process group, so stop reaches it.
    const members = groupMembers(info.serverPid ?? 0);
    for (const pid of pids) expect(members).toContain(pid);

    await sessions[0]!.close();
    await waitFor(() => (pidAlive(pids[0]!) ? undefined : true), 3_000);
    expect(await callJson(sessions[1]!.client, 'whoami')).toEqual({ pid: pids[1], calls: 3 });
    await Promise.all(sessions.slice(1).map((s) => s.close()));
    await waitFor(() => (pids.some(pidAlive) ? undefined : true), 3_000);
  });

  it('a crashed session child ends only its own session', async () => {
    const [a, b] = await Promise.all([connect(info.endpoint), connect(info.endpoint)]);
    const whoA = (await callJson(a!.client, 'whoami')) as WhoAmI;
    process.kill(whoA.pid, 'SIGKILL');
    await waitFor(() => (pidAlive(whoA.pid) ? undefined : true), 2_000);
    await expect(a!.client.callTool({ name: 'whoami', arguments: {} })).rejects.toThrow();
    expect(await callJson(b!.client, 'whoami')).toMatchObject({ calls: 1 });
    const fresh = await connect(info.endpoint);
    expect(((await callJson(fresh.client, 'whoami')) as WhoAmI).pid).not.toBe(whoA.pid);
    await Promise.all([a!.close().catch(() => undefined), b!.close(), fresh.close()]);
    const after = await target.status('bridged');
    expect(after.state, after.reason).toBe('running');
  });

  it('serves 2026-07-28 (stateless) clients from a pool', async () => {
    const modern = await connect(info.endpoint, 'modern');
    expect(modern.client.getNegotiatedProtocolVersion()).toBe('2026-07-28');
    const echoed = await modern.client.callTool({ name: 'echo', arguments: { text: 'stateless' } });
    expect(echoed.content).toEqual([{ type: 'text', text: 'stateless' }]);
    const one = (await callJson(modern.client, 'whoami')) as WhoAmI;
    const two = (await callJson(modern.client, 'whoami')) as WhoAmI;
    expect(two.pid).toBe(one.pid); // sequential requests reuse the warm child
    expect(two.calls).toBe(one.calls + 1);
    await modern.close();
  });

  it('refuses sessions past maxSessions with HTTP 503, and recovers when one closes', async () => {
    const open: Connected[] = [];
    try {
      let refusal: unknown;
      for (let index = 0; index < 8 && refusal === undefined; index += 1) {
        await connect(info.endpoint).then(
          (session) => open.push(session),
          (error: unknown) => {
            refusal = error;
          },
        );
      }
      expect(open.length).toBeLessThanOrEqual(6);
      expect(String(refusal)).toMatch(/503|limit/);
      // A full bridge is busy, not unhealthy: health checks have slots of their own.
      expect((await target.health('bridged')).ok).toBe(true);
      await open.pop()?.close();
      await waitFor(async () => {
        const again = await connect(info.endpoint).catch(() => undefined);
        if (again !== undefined) open.push(again);
        return again;
      }, 3_000);
    } finally {
      await Promise.all(open.map((session) => session.close()));
    }
  });

  it('writes a client config whose command really runs the server over stdio', async () => {
    const config = JSON.parse(
      readFileSync(`${info.deploymentDir}/client-config.json`, 'utf8'),
    ) as ClientConfig;
    const entry = config.mcpServers.bridged;
    if (entry === undefined || !('command' in entry)) throw new Error('no stdio entry in client-config.json');
    expect(entry.command).toBe(process.execPath);
    expect(entry.args).toEqual([`${FIXTURE_DIR}/echo-server.mjs`]);
    const client = new Client({ name: 'desktop-like', version: '1.0.0' });
    await client.connect(
      new StdioClientTransport({ command: entry.command, args: [...entry.args], stderr: 'ignore' }),
    );
    expect((await client.listTools()).tools.map((tool) => tool.name).sort()).toEqual([
      'crash',
      'die',
      'echo',
      'freeze',
      'spam',
      'whoami',
    ]);
    await client.close();
  });

  it('stop ends the bridge and every session child', async () => {
    const sessions = await Promise.all([connect(info.endpoint), connect(info.endpoint)]);
    const pids = await Promise.all(
      sessions.map(async (s) => ((await callJson(s.client, 'whoami')) as WhoAmI).pid),
    );
    const stopped = await target.stop('bridged');
    expect(stopped.state).toBe('stopped');
    expect(groupMembers(info.serverPid ?? 0)).toEqual([]);
    for (const pid of [...pids, info.serverPid ?? 0, info.supervisorPid ?? 0])
      expect(pidAlive(pid)).toBe(false);
    await Promise.all(sessions.map((s) => s.client.close()));
  });
});
