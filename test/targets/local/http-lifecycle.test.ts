/**
 * The local target end to end on an HTTP server: real supervisor processes, real MCP clients, real signals.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FactoryError } from '../../../src/errors.js';
import { callJson, connect, fixtureArtifact, groupMembers, pidAlive, testHome, waitFor } from './helpers.js';

const env = testHome();
const { target } = env;
afterAll(() => env.cleanup());

async function logText(name: string): Promise<string> {
  const lines: string[] = [];
  for await (const line of target.logs(name, { tail: 500 })) lines.push(line);
  return lines.join('\n');
}

describe('local target, HTTP server', () => {
  it('deploy → healthy → tools/call → logs → stop leaves no process → start → remove', async () => {
    const info = await target.deploy(fixtureArtifact('life-http'), { transport: 'http' });
    expect(info).toMatchObject({ state: 'running', transport: 'http', restarts: 0, target: 'local' });
    expect(info.lastHealth).toMatchObject({ ok: true, tools: 6 });
    expect(info.endpoint).toBe(`http://127.0.0.1:${info.port}/mcp`);
    expect(info.clientConfig).toEqual({ mcpServers: { 'life-http': { type: 'http', url: info.endpoint } } });

    const session = await connect(info.endpoint);
    const echoed = await session.client.callTool({ name: 'echo', arguments: { text: 'hello-from-test' } });
    expect(echoed.content).toEqual([{ type: 'text', text: 'hello-from-test' }]);
    expect(await callJson(session.client, 'whoami')).toMatchObject({ pid: info.serverPid });
    await session.close();
    await waitFor(
      async () => ((await logText('life-http')).includes('echo called: hello-from-test') ? true : undefined),
      2_000,
    );

    const supervisorPid = info.supervisorPid ?? 0;
    const serverPid = info.serverPid ?? 0;
    const stopped = await target.stop('life-http');
    expect(stopped.state).toBe('stopped');
    expect(pidAlive(supervisorPid)).toBe(false);
    expect(pidAlive(serverPid)).toBe(false);
    expect(groupMembers(serverPid)).toEqual([]);
    expect((await target.health('life-http')).ok).toBe(false);

    const started = await target.start('life-http');
    expect(started.state).toBe('running');
    expect(started.serverPid).not.toBe(serverPid);
    expect(started.port).toBe(info.port);
    expect((await target.health('life-http')).ok).toBe(true);

    await target.remove('life-http');
    expect(existsSync(info.deploymentDir)).toBe(false);
    expect(pidAlive(started.supervisorPid ?? 0)).toBe(false);
    expect(groupMembers(started.serverPid ?? 0)).toEqual([]);
    await expect(target.status('life-http')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('kill -9 of the server: restarted and healthy, the restart counted', async () => {
    const info = await target.deploy(fixtureArtifact('kill-server'), { transport: 'http' });
    const oldPid = info.serverPid ?? 0;
    process.kill(oldPid, 'SIGKILL');
    const back = await waitFor(async () => {
      const status = await target.status('kill-server');
      return status.state === 'running' && status.serverPid !== oldPid ? status : undefined;
    }, 15_000);
    expect(back.restarts).toBe(1);
    expect(back.lastExit).toMatchObject({ code: null, signal: 'SIGKILL' });
    expect((await target.health('kill-server')).ok).toBe(true);
    const session = await connect(back.endpoint);
    expect(await callJson(session.client, 'whoami')).toMatchObject({ pid: back.serverPid });
    await session.close();
    await target.remove('kill-server');
  });

  it('kill -9 of the supervisor: status says so, start recovers and leaves no orphan', async () => {
    const info = await target.deploy(fixtureArtifact('kill-supervisor'), { transport: 'http' });
    const supervisorPid = info.supervisorPid ?? 0;
    const orphanPgid = info.serverPid ?? 0;
    process.kill(supervisorPid, 'SIGKILL');
    await waitFor(() => (pidAlive(supervisorPid) ? undefined : true), 2_000);

    const status = await target.status('kill-supervisor');
    expect(status).toMatchObject({
      state: 'failed',
      reason: `supervisor died (pid ${supervisorPid}); server pid ${orphanPgid} left running`,
      serverPid: orphanPgid,
    });
    expect(status.supervisorPid).toBeUndefined(); // a dead pid is never reported as the supervisor's
    // The server survived its supervisor: the scenario `start` must clean up.
    expect(groupMembers(orphanPgid)).toContain(orphanPgid);

    const recovered = await target.start('kill-supervisor');
    expect(recovered.state).toBe('running');
    expect(recovered.supervisorPid).not.toBe(supervisorPid);
    expect(groupMembers(orphanPgid)).toEqual([]);
    expect((await target.health('kill-supervisor')).ok).toBe(true);
    await target.remove('kill-supervisor');
  });

  it('kill -9 of the supervisor, then of its orphan: status says the server ended', async () => {
    const info = await target.deploy(fixtureArtifact('orphan-ends'), { transport: 'http' });
    const supervisorPid = info.supervisorPid ?? 0;
    const serverPid = info.serverPid ?? 0;
    process.kill(supervisorPid, 'SIGKILL');
    await waitFor(() => (pidAlive(supervisorPid) ? undefined : true), 2_000);
    process.kill(-serverPid, 'SIGKILL');
    await waitFor(() => (groupMembers(serverPid).length === 0 ? true : undefined), 2_000);
    const status = await target.status('orphan-ends');
    expect(status).toMatchObject({
      state: 'failed',
      reason: `supervisor died (pid ${supervisorPid}); server pid ${serverPid} ended`,
    });
    expect(status.serverPid).toBeUndefined();
    expect((await target.start('orphan-ends')).state).toBe('running');
    await target.remove('orphan-ends');
  });

  it('a server that crashes on a tool call is restarted and serves again', async () => {
    const info = await target.deploy(fixtureArtifact('crash-tool'), { transport: 'http' });
    const session = await connect(info.endpoint);
    await session.client.callTool({ name: 'crash', arguments: {} });
    await session.close().catch(() => undefined);
    const back = await waitFor(async () => {
      const status = await target.status('crash-tool');
      return status.state === 'running' && status.restarts === 1 ? status : undefined;
    }, 3_000);
    expect(back.serverPid).not.toBe(info.serverPid);
    const logs = await logText('crash-tool');
    expect(logs).toContain('crash requested');
    expect(logs).toMatch(/server exited \(code 3\); restarting in \d+ ms/);
    await target.remove('crash-tool');
  });

  it('a redeploy replaces the running version and keeps its endpoint', async () => {
    const first = await target.deploy(fixtureArtifact('versions'), { transport: 'http' });
    const second = await target.deploy(
      { ...fixtureArtifact('versions'), version: '2.0.0' },
      { transport: 'http' },
    );
    expect(second).toMatchObject({ state: 'running', version: '2.0.0', endpoint: first.endpoint });
    expect(pidAlive(first.supervisorPid ?? 0)).toBe(false);
    expect(groupMembers(first.serverPid ?? 0)).toEqual([]);
    await target.remove('versions');
  });

  it('start on a running deployment is a no-op, restart replaces the process', async () => {
    const info = await target.deploy(fixtureArtifact('idempotent'), { transport: 'http' });
    const again = await target.start('idempotent');
    expect(again.supervisorPid).toBe(info.supervisorPid);
    const restarted = await target.restart('idempotent');
    expect(restarted.state).toBe('running');
    expect(restarted.supervisorPid).not.toBe(info.supervisorPid);
    expect(pidAlive(info.serverPid ?? 0)).toBe(false);
    expect((await target.list()).map((entry) => entry.name)).toContain('idempotent');
    await target.remove('idempotent');
  });

  it('concurrent starts of one deployment launch a single supervisor', async () => {
    const info = await target.deploy(fixtureArtifact('racy'), { transport: 'http' });
    await target.stop('racy');
    const results = await Promise.all([target.start('racy'), target.start('racy'), target.start('racy')]);
    expect(new Set(results.map((result) => result.supervisorPid)).size).toBe(1);
    const supervisors = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('supervisor-main') && line.includes(info.deploymentDir));
    expect(supervisors).toHaveLength(1);
    await target.remove('racy');
  });

  it('reports unknown deployments as NOT_FOUND', async () => {
    const error = await target.status('no-such-server').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FactoryError);
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
  });
});
