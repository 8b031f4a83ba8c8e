/**
 * Sessions that clients leave without ending them (no DELETE) must not lock a deployed stdio server out:
 * with real processes through the local target, 16 abandoned sessions fill the bridge, the next client
 * gets HTTP 503 with Retry-After (not a hang or a 500), status says the bridge is full, and once the
 * abandoned sessions are reclaimed (30 s of quiet while a client waits, not the idle time) a new client
 * is served and no session child is left behind.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { DeploymentInfo } from '../../../src/targets/target.js';
import { connect, fixtureArtifact, groupMembers, pidAlive, testHome, waitFor } from './helpers.js';

const env = testHome();
const { target } = env;
afterAll(() => env.cleanup());

const SESSIONS = 16;
const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'leaver', version: '1' } },
});

function initialize(endpoint: string): Promise<Response> {
  return fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: INITIALIZE,
  });
}

/** A client that opens a session and holds its GET stream; `leave()` drops it without DELETE. */
async function streamingClient(endpoint: string): Promise<{ leave(): void }> {
  const response = await initialize(endpoint);
  expect(response.status).toBe(200);
  await response.body?.cancel();
  const sessionId = response.headers.get('mcp-session-id') ?? '';
  const controller = new AbortController();
  const stream = await fetch(endpoint, {
    headers: { accept: 'text/event-stream', 'mcp-session-id': sessionId },
    signal: controller.signal,
  });
  expect(stream.status).toBe(200);
  return { leave: () => controller.abort() };
}

/** ms until an initialize is answered 200, following each 503's Retry-After (which must be there). */
async function servedWithin(endpoint: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    const response = await initialize(endpoint);
    await response.body?.cancel();
    if (response.status === 200) return Date.now() - started;
    expect(response.status).toBe(503);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
  }
  return Number.POSITIVE_INFINITY;
}

/** Session children of the deployment: its process group minus the bridge itself. */
function sessionChildren(info: DeploymentInfo): number[] {
  return groupMembers(info.serverPid ?? 0).filter((pid) => pid !== info.serverPid);
}

async function bridgeLoad(info: DeploymentInfo): Promise<{ inUse: number; atLimit: boolean }> {
  return (await fetch(new URL('/healthz', info.endpoint))).json() as Promise<{
    inUse: number;
    atLimit: boolean;
  }>;
}

/** A new client is served, reclaimed sessions left no process behind, and removal ends the rest. */
async function expectServedAndClean(info: DeploymentInfo, abandoned: number[]): Promise<void> {
  const fresh = await connect(info.endpoint);
  expect((await fresh.client.listTools()).tools.length).toBe(6);
  await fresh.close();
  // Reclaimed, and ended: a child told to end exits on its own time.
  await waitFor(() => (abandoned.some((pid) => !pidAlive(pid)) ? true : undefined), 5_000);
  // No child without a session: at most one per session in use, plus the warm spare and a health check.
  await waitFor(async () => {
    const { inUse } = await bridgeLoad(info);
    return sessionChildren(info).length <= inUse + 2 ? true : undefined;
  }, 15_000);
  expect((await bridgeLoad(info)).atLimit).toBe(false);
  await waitFor(
    async () => ((await target.status(info.name)).state === 'running' ? true : undefined),
    20_000,
  );
  const bridgePid = info.serverPid ?? 0;
  await target.remove(info.name);
  await waitFor(() => ([bridgePid, ...abandoned].some(pidAlive) ? undefined : true), 5_000);
}

describe('local target: abandoned bridge sessions are reclaimed', () => {
  it('16 clients present: 503 + Retry-After and status says full; once they vanish without DELETE, a new client is served', async () => {
    const info = await target.deploy(fixtureArtifact('leavers', ['stdio']), {
      sessionIdleMs: 10 * 60_000, // the old default: reclaim must not wait for it
      healthIntervalMs: 5_000,
      readyTimeoutMs: 60_000,
      unhealthyRestartAfter: 0, // a slow check on a busy machine must not restart the bridge mid-test
    });
    const clients = [];
    for (let index = 0; index < SESSIONS; index += 1) clients.push(await streamingClient(info.endpoint));
    const abandoned = sessionChildren(info);
    expect(abandoned.length).toBeGreaterThanOrEqual(SESSIONS);

    const refused = await initialize(info.endpoint);
    expect(refused.status).toBe(503);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(await refused.text()).toMatch(/limit of 16 sessions/);
    // (On a loaded machine a check may first time out; the next one must tell the truth.)
    const full = await waitFor(async () => {
      const status = await target.status('leavers');
      return status.reason?.includes('session limit') ? status : undefined;
    }, 30_000);
    expect(full.state).toBe('unhealthy');
    expect(full.reason).toMatch(/session limit \(16 of 16 in use\).*503/);

    for (const client of clients) client.leave(); // streams closed, no DELETE
    const served = await servedWithin(info.endpoint, 15_000);
    expect(served).toBeLessThan(15_000);
    // Every abandoned session was reclaimed and its process ended, long before the 10-minute idle time.
    await waitFor(() => (abandoned.some(pidAlive) ? undefined : true), 5_000);
    await expectServedAndClean(info, abandoned);
  }, 150_000);

  it('SDK clients closed without DELETE: a new client is served within 30 s, not the idle time', async () => {
    const info = await target.deploy(fixtureArtifact('closers', ['stdio']), {
      sessionIdleMs: 10 * 60_000,
      readyTimeoutMs: 60_000,
      unhealthyRestartAfter: 0,
    });
    for (let index = 0; index < SESSIONS; index += 1) {
      const session = await connect(info.endpoint);
      await session.client.listTools();
      await session.client.close(); // the SDK v2 client opens no GET stream: only quiet time tells
    }
    const abandoned = sessionChildren(info);
    expect(await servedWithin(info.endpoint, 40_000)).toBeLessThan(40_000);
    await expectServedAndClean(info, abandoned);
  }, 150_000);
});
