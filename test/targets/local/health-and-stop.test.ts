/** Health is a real MCP round trip (a live but unresponsive server is `unhealthy`); stop escalates to SIGKILL. */
import { afterAll, describe, expect, it } from 'vitest';
import { checkHealth } from '../../../src/targets/local/health-check.js';
import { connect, fixtureArtifact, groupMembers, pidAlive, testHome, waitFor } from './helpers.js';

const env = testHome();
const { target } = env;
afterAll(() => env.cleanup());

describe('local target health and stop', () => {
  it('goes running → unhealthy while the server does not answer, and back without a restart', async () => {
    const info = await target.deploy(fixtureArtifact('frozen'), {
      transport: 'http',
      healthIntervalMs: 300,
      unhealthyRestartAfter: 0,
    });
    const session = await connect(info.endpoint);
    await session.client.callTool({ name: 'freeze', arguments: { ms: 2_500 } });
    const unhealthy = await waitFor(async () => {
      const status = await target.status('frozen');
      return status.state === 'unhealthy' ? status : undefined;
    }, 2_500);
    expect(unhealthy.lastHealth?.ok).toBe(false);
    expect(unhealthy.reason).toMatch(/health check failed/);
    expect(pidAlive(info.serverPid ?? 0)).toBe(true); // the pid exists: only the MCP round trip tells
    const recovered = await waitFor(async () => {
      const status = await target.status('frozen');
      return status.state === 'running' ? status : undefined;
    }, 6_000);
    expect(recovered).toMatchObject({ restarts: 0, serverPid: info.serverPid, lastHealth: { ok: true } });
    expect((await target.health('frozen')).ok).toBe(true);
    await session.close().catch(() => undefined);
    await target.remove('frozen');
  });

  it('restarts a server that stays unresponsive for the configured number of checks, counting the restart', async () => {
    const info = await target.deploy(fixtureArtifact('stuck'), {
      transport: 'http',
      healthIntervalMs: 300,
      unhealthyRestartAfter: 2,
    });
    const session = await connect(info.endpoint);
    await session.client.callTool({ name: 'freeze', arguments: { ms: 20_000 } });
    const restarted = await waitFor(async () => {
      const status = await target.status('stuck');
      return status.state === 'running' && status.restarts === 1 ? status : undefined;
    }, 10_000);
    expect(restarted.serverPid).not.toBe(info.serverPid);
    expect(pidAlive(info.serverPid ?? 0)).toBe(false);
    const log: string[] = [];
    for await (const line of target.logs('stuck', { tail: 200 })) log.push(line);
    expect(log.join('\n')).toMatch(/failed 2 health checks in a row: restarting it/);
    await session.close().catch(() => undefined);
    await target.remove('stuck');
  });

  it('kills a server that ignores SIGTERM once the grace period is over', async () => {
    const info = await target.deploy(fixtureArtifact('stubborn'), {
      transport: 'http',
      env: { FIXTURE_IGNORE_SIGTERM: '1' },
    });
    const started = Date.now();
    const stopped = await target.stop('stubborn', { timeoutMs: 400 });
    const elapsed = Date.now() - started;
    expect(stopped.state).toBe('stopped');
    expect(elapsed).toBeGreaterThanOrEqual(400);
    expect(elapsed).toBeLessThan(3_000);
    expect(groupMembers(info.serverPid ?? 0)).toEqual([]);
    const lines: string[] = [];
    for await (const line of target.logs('stubborn', { tail: 20 })) lines.push(line);
    expect(lines.join('\n')).toContain('SIGTERM: ignored');
    expect(lines.join('\n')).toContain('server did not stop within 400 ms of SIGTERM: killed');
    await target.remove('stubborn');
  });
});

describe('local target health checks against an authenticated server', () => {
  it('authenticates with the credential the artifact names, read from the environment', async () => {
    const artifact = {
      ...fixtureArtifact('keyed', ['http']),
      httpAuth: { type: 'api_key', header: 'x-api-key', envVar: 'FIXTURE_API_KEY' } as const,
    };
    const info = await target.deploy(artifact, { env: { FIXTURE_API_KEY: 'k-123' } });
    expect(info).toMatchObject({ state: 'running', lastHealth: { ok: true, tools: 6 } });
    // Without the key the endpoint refuses: the check really authenticated.
    const anonymous = await checkHealth(info.endpoint);
    expect(anonymous.ok).toBe(false);
    expect(anonymous.error).toContain('invalid api key');
    expect((await target.health('keyed', { env: { FIXTURE_API_KEY: 'k-123' } })).ok).toBe(true);
    expect((await target.health('keyed', { env: { FIXTURE_API_KEY: 'wrong' } })).ok).toBe(false);
    await target.remove('keyed');
  });
});
