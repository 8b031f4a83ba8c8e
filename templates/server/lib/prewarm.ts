/**
 * Priming for hosts that snapshot a server whose code is loaded but which has not started yet (the
 * microVM target's warm snapshot, see START_GATE in main.ts). Loading the modules is not enough: the
 * first MCP request still compiles the whole request path (HTTP adapter, SDK, tool schemas), which costs
 * over a second under emulation. So a throwaway listener on 127.0.0.1, with an empty environment, gets
 * the requests a client's first contact makes — initialize, tools/list, session end — and is closed.
 * Best effort: a server that cannot start without its secrets (inbound auth) is simply not primed.
 */
import type { RunningServer } from './main.js';

const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };

export async function primeHttp(start: () => Promise<RunningServer>): Promise<void> {
  let server: RunningServer | undefined;
  try {
    server = await start();
    if (server.url !== undefined) await firstContact(server.url);
  } catch {
    // Priming only makes the first real request faster; the real start reports real problems.
  } finally {
    await server?.close();
  }
}

async function firstContact(url: string): Promise<void> {
  const initialize = await post(url, {
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'mcp-factory-prewarm', version: '1.0.0' },
    },
  });
  const session = initialize.headers.get('mcp-session-id');
  const headers: Record<string, string> = session === null ? {} : { 'mcp-session-id': session };
  await post(url, { jsonrpc: '2.0', method: 'notifications/initialized' }, headers);
  await post(url, { jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} }, headers);
  if (session !== null) await fetch(url, { method: 'DELETE', headers }).then((r) => r.arrayBuffer());
}

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { ...HEADERS, 'mcp-protocol-version': '2025-11-25', ...headers },
    body: JSON.stringify(body),
  });
  await response.arrayBuffer();
  return response;
}
