/**
 * The bridge in-process, through its web-standard `fetch` face (no port): protocol edges, idle sweeping
 * and the cap, with real stdio children of the fixture server.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
import { STREAM_GONE_GRACE_MS } from '../../../src/targets/local/bridge-session.js';
import { createStdioBridge, type StdioBridge } from '../../../src/targets/local/stdio-bridge.js';
import { FIXTURE_DIR, pidAlive, waitFor } from './helpers.js';

const URL_MCP = 'http://127.0.0.1:9/mcp';
// In-process requests carry no Host header of their own; the bridge insists on one (DNS rebinding guard).
const HOST = { host: '127.0.0.1:9' };
let bridge: StdioBridge | undefined;

function makeBridge(options: { maxSessions?: number; idleMs?: number } = {}): StdioBridge {
  bridge = createStdioBridge({
    server: { command: process.execPath, args: ['echo-server.mjs'], cwd: FIXTURE_DIR, env: process.env },
    maxSessions: options.maxSessions ?? 4,
    idleMs: options.idleMs ?? 60_000,
  });
  return bridge;
}

afterEach(() => {
  bridge?.close();
  bridge = undefined;
});

async function clientOf(target: StdioBridge, era: 'legacy' | 'modern' = 'legacy'): Promise<Client> {
  const options = era === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {};
  const client = new Client({ name: 'unit', version: '1.0.0' }, options);
  const transport = new StreamableHTTPClientTransport(new URL(URL_MCP), {
    fetch: (url, init) => {
      const request = new Request(url, init);
      request.headers.set('host', HOST.host);
      return target.fetch(request);
    },
  });
  await client.connect(transport);
  return client;
}

const post = (body: string, headers: Record<string, string> = {}) =>
  new Request(URL_MCP, {
    method: 'POST',
    headers: {
      ...HOST,
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body,
  });

const INITIALIZE = JSON.stringify({
  jsonrpc: '2.0',
  id: 0,
  method: 'initialize',
  params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
});
const LIST = '{"jsonrpc":"2.0","id":1,"method":"tools/list"}';

/** A session opened by hand and then left alone: no GET stream, no DELETE (a client that went away). */
async function rawInitialize(target: StdioBridge): Promise<string> {
  const response = await target.fetch(post(INITIALIZE));
  expect(response.status).toBe(200);
  await response.body?.cancel();
  const sessionId = response.headers.get('mcp-session-id');
  if (sessionId === null) throw new Error('initialize opened no session');
  return sessionId;
}

describe('stdio bridge (in-process)', () => {
  it.each([
    { why: 'another path', request: new Request('http://127.0.0.1:9/other', { headers: HOST }), status: 404 },
    { why: 'a foreign Host', request: post('{}', { host: 'evil.example' }), status: 403 },
    { why: 'a foreign Origin', request: post('{}', { origin: 'https://evil.example' }), status: 403 },
    { why: 'a GET without a session', request: new Request(URL_MCP, { headers: HOST }), status: 400 },
    { why: 'a body that is not JSON', request: post('not json'), status: 400 },
    {
      why: 'a legacy request before initialize',
      request: post('{"jsonrpc":"2.0","id":1,"method":"tools/list"}'),
      status: 400,
    },
    {
      why: 'an unknown session id',
      request: post('{"jsonrpc":"2.0","id":1,"method":"tools/list"}', { 'mcp-session-id': 'nope' }),
      status: 404,
    },
  ])('answers $why with HTTP $status', async ({ request, status }) => {
    const response = await makeBridge().fetch(request);
    expect(response.status).toBe(status);
  });

  it('reclaims a session whose client never opened a stream after idleMs without traffic', async () => {
    const target = makeBridge({ idleMs: 200 });
    const sessionId = await rawInitialize(target);
    const pid = target.sessions().get(sessionId) ?? 0;
    expect(pidAlive(pid)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    target.sweep();
    expect(target.sessions().size).toBe(0);
    await waitFor(() => (pidAlive(pid) ? undefined : true), 3_000);
    const after = await target.fetch(post(LIST, { 'mcp-session-id': sessionId }));
    expect(after.status).toBe(404); // the protocol's signal to initialize a new session
  });

  it('keeps a quiet session whose client holds its GET stream; reclaims it once the stream is gone', async () => {
    const target = makeBridge({ idleMs: 200 });
    const sessionId = await rawInitialize(target);
    const stream = await target.fetch(
      new Request(URL_MCP, {
        headers: { ...HOST, accept: 'text/event-stream', 'mcp-session-id': sessionId },
      }),
    );
    expect(stream.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 400));
    target.sweep();
    expect(target.sessions().has(sessionId)).toBe(true); // quiet, but its client is there
    await stream.body?.cancel(); // the client went away without DELETE
    target.sweep();
    expect(target.sessions().has(sessionId)).toBe(true); // a dropped stream may come back at once
    await new Promise((resolve) => setTimeout(resolve, STREAM_GONE_GRACE_MS + 100));
    target.sweep();
    expect(target.sessions().has(sessionId)).toBe(false);
  }, 15_000);

  it('at the cap answers 503 with Retry-After, then serves a new client once abandoned sessions go', async () => {
    const target = makeBridge({ maxSessions: 3, idleMs: 1_500 });
    const abandoned = [await rawInitialize(target), await rawInitialize(target), await rawInitialize(target)];
    const pids = abandoned.map((id) => target.sessions().get(id) ?? 0);
    const refused = await target.fetch(post(INITIALIZE));
    expect(refused.status).toBe(503);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(2);
    expect(target.load()).toEqual({ inUse: 3, maxSessions: 3, atLimit: true });
    // No sweep runs in between: opening a session reclaims what it can.
    // Retry-After says when the first abandoned session may go; all three are past their quiet time once
    // idleMs has passed since the last traffic of the last of them (its child's late replies count too).
    await new Promise((resolve) => setTimeout(resolve, Math.max(retryAfter * 1000, 1_500) + 500));
    const client = await clientOf(target);
    expect((await client.listTools()).tools.length).toBeGreaterThan(0);
    await waitFor(() => (pids.some(pidAlive) ? undefined : true), 3_000);
    expect(target.load().atLimit).toBe(false);
    await client.close();
  });

  it('answers a request whose child died before replying with an error, not silence', async () => {
    const target = makeBridge();
    const client = await clientOf(target);
    const started = Date.now();
    await expect(client.callTool({ name: 'die', arguments: {} })).rejects.toThrow(/stdio server process/);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(target.sessions().size).toBe(0);
    await client.close();
  });

  it('serves stateless requests from pooled children and replaces one that died', async () => {
    const target = makeBridge();
    const client = await clientOf(target, 'modern');
    const first = await client.callTool({ name: 'whoami', arguments: {} });
    await expect(client.callTool({ name: 'die', arguments: {} })).rejects.toThrow(/stdio server failed/);
    const after = await client.callTool({ name: 'whoami', arguments: {} });
    const pidOf = (result: typeof first) =>
      JSON.parse((result.content as { text: string }[])[0]?.text ?? '{}').pid;
    expect(pidOf(after)).not.toBe(pidOf(first));
    expect(target.sessions().size).toBe(0); // no session was opened: the modern era is stateless
    await client.close();
  });

  it('keeps the number of children under the cap (sessions + pool + spare)', async () => {
    const target = makeBridge({ maxSessions: 2 });
    target.warm();
    const first = await clientOf(target);
    const second = await clientOf(target);
    await expect(clientOf(target)).rejects.toThrow(/limit of 2 sessions/);
    expect(target.sessions().size).toBe(2);
    await Promise.all([first.close(), second.close()]);
  });
});
