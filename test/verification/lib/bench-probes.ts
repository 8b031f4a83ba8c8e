/**
 * The single measurements the benchmarks repeat: cold start of a server over stdio up to its first
 * `tools/list` answer, and a burst of `tools/call` requests over Streamable HTTP. Both speak raw JSON-RPC so
 * the client's own cost is tiny and identical for both sides.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Launch, SampleCall } from './server-under-test.js';

const LEGACY_VERSION = '2025-11-25';
const MODERN_VERSION = '2026-07-28';
const CLIENT_INFO = { name: 'mcp-factory-bench', version: '1.0.0' };

/**
 * Milliseconds from spawning the server to receiving its `tools/list` result, the way a desktop host starts
 * a stdio server: `initialize`, wait, `notifications/initialized` + `tools/list`, wait.
 */
export async function stdioStartupMs(launch: Launch, expectedTools: readonly string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(launch.command, [...launch.args], {
    cwd: launch.cwd,
    env: { ...process.env, ...launch.env },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
  const reply = async (id: number) => {
    for (;;) {
      const next = await lines.next();
      if (next.done) throw new Error(`server exited before answering request ${id}`);
      const message = JSON.parse(next.value) as { id?: number; result?: unknown; error?: unknown };
      if (message.id === id) return message;
    }
  };
  try {
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: initializeParams() });
    await reply(1);
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/list', params: {} });
    const listed = (await reply(2)) as { result?: { tools?: { name: string }[] } };
    const elapsed = performance.now() - started;
    assertTools(listed.result?.tools?.map((tool) => tool.name) ?? [], expectedTools);
    return elapsed;
  } finally {
    child.stdin.end();
    child.kill('SIGTERM');
    await exited;
  }
}

function initializeParams() {
  return { protocolVersion: LEGACY_VERSION, capabilities: {}, clientInfo: CLIENT_INFO };
}

function assertTools(names: readonly string[], expected: readonly string[]): void {
  const missing = expected.filter((name) => !names.includes(name));
  if (missing.length > 0) throw new Error(`tools/list lacks ${missing.join(', ')} (got ${names.join(', ')})`);
}

export type Era = 'legacy' | 'modern';

export interface BurstOptions {
  readonly calls: number;
  readonly concurrency: number;
  readonly era: Era;
}

/** `tools/call` requests per second over Streamable HTTP: `calls` requests from `concurrency` workers. */
export async function httpCallsPerSecond(
  url: string,
  call: SampleCall,
  options: BurstOptions,
): Promise<number> {
  const request = buildCall(call, options.era);
  let remaining = options.calls;
  const worker = async () => {
    while (remaining > 0) {
      remaining -= 1;
      await postCall(url, request, call);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return (options.calls * 1000) / (performance.now() - started);
}

interface PreparedCall {
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** One `tools/call` exactly as the SDK v2 client sends it in each era (headers and `_meta` envelope). */
export function buildCall(call: SampleCall, era: Era): PreparedCall {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': era === 'modern' ? MODERN_VERSION : LEGACY_VERSION,
  };
  const params: Record<string, unknown> = { name: call.tool, arguments: call.arguments };
  if (era === 'modern') {
    headers['mcp-method'] = 'tools/call';
    headers['mcp-name'] = call.tool;
    params._meta = {
      'io.modelcontextprotocol/protocolVersion': MODERN_VERSION,
      'io.modelcontextprotocol/clientInfo': CLIENT_INFO,
      'io.modelcontextprotocol/clientCapabilities': {},
    };
  }
  return { headers, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params }) };
}

/** Posts one call and checks the answer is a successful result whose structured content has the expected values. */
export async function postCall(url: string, request: PreparedCall, call: SampleCall): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: request.headers, body: request.body });
  const text = await response.text();
  const result = response.status === 200 ? resultOf(text) : undefined;
  const structured = (result?.structuredContent ?? {}) as Record<string, unknown>;
  const matches = Object.entries(call.expected).every(([key, value]) => structured[key] === value);
  if (!result || result.isError === true || !matches) {
    throw new Error(`tools/call ${call.tool} failed: HTTP ${response.status} ${text.slice(0, 500)}`);
  }
}

/** The JSON-RPC result from a JSON body or from the `data:` line of a one-event SSE body. */
function resultOf(body: string): { isError?: boolean; structuredContent?: unknown } | undefined {
  const json = body.trimStart().startsWith('{')
    ? body
    : body
        .split('\n')
        .find((line) => line.startsWith('data: '))
        ?.slice(6);
  if (json === undefined) return undefined;
  return (JSON.parse(json) as { result?: { isError?: boolean; structuredContent?: unknown } }).result;
}
