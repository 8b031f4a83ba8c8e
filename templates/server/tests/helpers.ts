/** Shared by the runtime's own vitest suites: fixture paths, temp dirs, a local upstream, raw HTTP. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ServerConfig, ServerDefinition } from '../lib/contract.js';
import { createLogger, type Logger } from '../lib/logger.js';

export const SERVER_TEMPLATE_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const FIXTURE_DIR = join(SERVER_TEMPLATE_DIR, 'fixtures', 'notes');
export const FIXTURE_ENTRY = join(FIXTURE_DIR, 'src', 'index.ts');
export const REPO_ROOT = resolve(SERVER_TEMPLATE_DIR, '..', '..');
export const TSX_LOADER = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');

/** The fixture run through tsx, as a stdio server command for the harness. */
export function fixtureCommand(env: Record<string, string>) {
  return { command: process.execPath, args: ['--import', TSX_LOADER, FIXTURE_ENTRY], env, cwd: FIXTURE_DIR };
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `mcp-rt-${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function withConfig(definition: ServerDefinition, patch: Partial<ServerConfig>): ServerDefinition {
  return { ...definition, config: { ...definition.config, ...patch } };
}

/** A logger that keeps its lines for assertions (and off the test output). */
export function memoryLogger(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: createLogger({ level: 'debug', sink: { write: (l: string) => lines.push(l) } }), lines };
}

export type UpstreamHandler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

/** A real node:http server on 127.0.0.1 standing in for an upstream API. */
export async function startUpstream(
  handler: UpstreamHandler,
): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString('utf8');
    });
    req.on('end', () => handler(req, body, res));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http request, so tests can send any Host / Origin header (fetch would not let us). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolvePromise, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString('utf8');
      });
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** A JSON-RPC initialize request body (2025-11-25 handshake), for raw HTTP tests. */
export function initializeBody(): string {
  return JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: {
      protocolVersion: '2025-11-25',
      capabilities: {},
      clientInfo: { name: 'raw-test', version: '1.0.0' },
    },
  });
}

export const MCP_POST_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
};

/** Writes raw bytes on a TCP socket and returns everything the server sent until it closed. */
export function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let answer = '';
    socket.on('data', (c: Buffer) => {
      answer += c.toString('utf8');
    });
    socket.on('end', () => resolvePromise(answer));
    socket.on('error', reject);
  });
}
