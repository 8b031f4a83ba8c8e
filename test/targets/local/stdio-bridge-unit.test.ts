/**
 * The bridge in-process, through its web-standard `fetch` face (no port): protocol edges, idle sweeping
 * and the cap, with real stdio children of the fixture server.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { afterEach, describe, expect, it } from 'vitest';
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

  it('ends a session and its child after idleMs without traffic', async () => {
    const target = makeBridge({ idleMs: 200 });
    const client = await clientOf(target);
    await client.listTools();
    const [[, pid]] = [...target.sessions()] as [[string, number]];
    expect(pidAlive(pid)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    target.sweep();
    expect(target.sessions().size).toBe(0);
    await waitFor(() => (pidAlive(pid) ? undefined : true), 3_000);
    await expect(client.listTools()).rejects.toThrow();
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
