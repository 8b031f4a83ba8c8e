/**
 * Test harness for generated servers (copied to `<server>/test/lib/`). It uses only node builtins and
 * `@modelcontextprotocol/client`, so the project's own tests run under `node --test` after `tsc`.
 *
 *   const conn = await connectStdio({ command: process.execPath, args: ['dist/src/index.js'] }, 'modern');
 *   const outcome = await conn.call('add_note', { title: 'x' });      // { status: 'ok', structured, … }
 *   await conn.close();
 *
 * In-process HTTP: start the server yourself with `inProcessHttpOptions()` and connect to its URL:
 *
 *   const server = await startServer(definition, inProcessHttpOptions({ NOTES_DB: file }));
 *   const conn = await connectHttp(server.url!, 'legacy');
 *
 * Eras: 'legacy' speaks the 2025-11-25 `initialize` handshake; 'modern' pins 2026-07-28 (stateless,
 * `server/discover`). The era is pinned on stdio because `auto` spawns a probe process first.
 *
 * `serverCommand(entry, env)` lets MCP_TEST_SERVER_COMMAND (a JSON array) replace the built entry, e.g. to
 * run the sources through tsx. For oauth2 servers, see oauth-issuer.ts (mint tokens a test server accepts).
 */
import type { Readable } from 'node:stream';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

export type Era = 'legacy' | 'modern';
export const ERAS: readonly Era[] = ['legacy', 'modern'];
export const MODERN_PROTOCOL_VERSION = '2026-07-28';
export const LEGACY_PROTOCOL_VERSION = '2025-11-25';

/** Same value as NOT_IMPLEMENTED_MARKER in src/lib/contract.ts (kept here so the harness imports nothing from src). */
export const NOT_IMPLEMENTED_MARKER = 'not implemented:';

/** The slice of a CallToolResult the harness reads. */
export interface ToolCallResult {
  content?: Array<{ type: string; text?: string }>;
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

export type ToolOutcome =
  | { status: 'ok'; structured: Record<string, unknown> | undefined; text: string; result: ToolCallResult }
  | { status: 'error'; message: string; result: ToolCallResult }
  | { status: 'not_implemented'; message: string; result: ToolCallResult };

export interface Connection {
  readonly client: Client;
  readonly era: Era;
  /** The protocol version actually negotiated. */
  readonly protocolVersion: string | undefined;
  /** Calls a tool and classifies the result; protocol errors (unknown tool) still throw. */
  call(name: string, args?: Record<string, unknown>): Promise<ToolOutcome>;
  listToolNames(): Promise<string[]>;
  /** stdio only: everything the server wrote to stderr so far (its JSON log lines). */
  stderr(): string;
  close(): Promise<void>;
}

export interface StdioServerCommand {
  readonly command: string;
  readonly args?: readonly string[];
  /** Added to a minimal inherited environment (PATH, HOME, …). */
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
}

/**
 * How tests start the server over stdio: the built entry (`node dist/src/index.js`) unless
 * MCP_TEST_SERVER_COMMAND holds a JSON array such as ["node", "--import", "tsx", "src/index.ts"].
 */
export function serverCommand(
  builtEntry: string,
  env: Readonly<Record<string, string>> = {},
): StdioServerCommand {
  const override = process.env.MCP_TEST_SERVER_COMMAND;
  if (!override) return { command: process.execPath, args: [builtEntry], env };
  const parsed: unknown = JSON.parse(override);
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((p) => typeof p === 'string')) {
    throw new Error('MCP_TEST_SERVER_COMMAND must be a JSON array of strings');
  }
  const [command, ...args] = parsed as string[];
  return { command: command === 'node' ? process.execPath : (command as string), args, env };
}

export function clientOptions(era: Era) {
  return era === 'modern'
    ? { versionNegotiation: { mode: { pin: MODERN_PROTOCOL_VERSION } } }
    : { versionNegotiation: { mode: 'legacy' as const } };
}

function newClient(era: Era): Client {
  return new Client({ name: 'mcp-factory-test', version: '1.0.0' }, clientOptions(era));
}

/** Spawns the server (stdio transport) and connects a client in the given era. */
export async function connectStdio(server: StdioServerCommand, era: Era): Promise<Connection> {
  const transport = new StdioClientTransport({
    command: server.command,
    args: [...(server.args ?? [])],
    env: { MCP_TRANSPORT: 'stdio', ...server.env },
    cwd: server.cwd,
    stderr: 'pipe',
  });
  let stderr = '';
  (transport.stderr as Readable | null)?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = newClient(era);
  try {
    await client.connect(transport);
  } catch (error) {
    await transport.close().catch(() => undefined);
    throw new Error(`could not connect over stdio (${era}): ${String(error)}\nserver stderr:\n${stderr}`);
  }
  return connection(client, era, () => stderr);
}

/** Connects to a running HTTP server's MCP endpoint in the given era. */
export async function connectHttp(
  url: string,
  era: Era,
  options: { headers?: Record<string, string> } = {},
): Promise<Connection> {
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: { headers: options.headers ?? {} },
  });
  const client = newClient(era);
  await client.connect(transport);
  return connection(client, era, () => '');
}

function connection(client: Client, era: Era, stderr: () => string): Connection {
  return {
    client,
    era,
    protocolVersion: client.getNegotiatedProtocolVersion(),
    call: async (name, args = {}) =>
      classifyResult((await client.callTool({ name, arguments: args })) as ToolCallResult),
    listToolNames: async () => (await client.listTools()).tools.map((t) => t.name).sort(),
    stderr,
    close: () => client.close(),
  };
}

/** ok / error / not_implemented, with the text and structured content pulled out. */
export function classifyResult(result: ToolCallResult): ToolOutcome {
  const text = (result.content ?? [])
    .filter((c) => c.type === 'text')
    .map((c) => c.text ?? '')
    .join('\n');
  if (result.isError) {
    return text.startsWith(NOT_IMPLEMENTED_MARKER)
      ? { status: 'not_implemented', message: text, result }
      : { status: 'error', message: text, result };
  }
  return { status: 'ok', structured: result.structuredContent, text, result };
}

export function isNotImplemented(result: ToolCallResult): boolean {
  return classifyResult(result).status === 'not_implemented';
}

/**
 * Options for `startServer` to run it in-process for a test: HTTP on a free port of 127.0.0.1, no signal
 * handlers, start-up errors thrown, logs kept off the test output unless MCP_TEST_LOGS is set.
 */
export function inProcessHttpOptions(env: Readonly<Record<string, string>> = {}) {
  return {
    transport: 'http' as const,
    host: '127.0.0.1',
    port: 0,
    argv: [] as string[],
    env: { ...env },
    handleSignals: false,
    throwOnStartupError: true,
    logSink: process.env.MCP_TEST_LOGS ? process.stderr : { write: () => true },
  };
}
