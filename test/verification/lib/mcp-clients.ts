/**
 * Real MCP clients, one interface: the SDK v2 client pinned to the modern era (2026-07-28), the SDK v2
 * client in the legacy era (2025-11-25 `initialize` handshake, what deployed clients speak), and the v1
 * `@modelcontextprotocol/sdk` client. Each connects over stdio (spawning the server) or Streamable HTTP.
 *
 * The era is pinned rather than negotiated: on stdio `auto` spawns a probe process first, which would
 * double the cost of every test and hide which era actually answered.
 */
import { Client as V2Client, StreamableHTTPClientTransport as V2Http } from '@modelcontextprotocol/client';
import { StdioClientTransport as V2Stdio } from '@modelcontextprotocol/client/stdio';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport as V1Stdio } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport as V1Http } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Launch } from './server-under-test.js';

export const CLIENT_KINDS = ['v2-modern', 'v2-legacy', 'v1'] as const;
export type ClientKind = (typeof CLIENT_KINDS)[number];

export const MODERN_PROTOCOL_VERSION = '2026-07-28';

/** The parts of a `tools/call` result the rig checks, the same for every client. */
export interface ToolCallOutcome {
  readonly isError: boolean;
  readonly structuredContent: unknown;
  /** The text blocks joined with newlines. */
  readonly text: string;
}

/** A listed tool as the client received it. */
export interface ListedTool {
  readonly name: string;
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  readonly inputSchema: { readonly properties?: Readonly<Record<string, unknown>> | undefined };
  readonly outputSchema?: unknown;
}

export interface TestClient {
  readonly kind: ClientKind;
  listTools(): Promise<ListedTool[]>;
  /** The protocol version the connection settled on (as the client reports it). */
  protocolVersion(): string | undefined;
  listToolNames(): Promise<string[]>;
  callTool(name: string, args: Record<string, unknown>): Promise<ToolCallOutcome>;
  close(): Promise<void>;
}

/** Shared by both SDK generations: their Client classes have the same surface for what the rig uses. */
interface SdkClient {
  listTools(): Promise<{ tools: ListedTool[] }>;
  callTool(params: { name: string; arguments: Record<string, unknown> }): Promise<unknown>;
  getNegotiatedProtocolVersion?(): string | undefined;
  close(): Promise<void>;
}

const CLIENT_INFO = { name: 'mcp-factory-verification', version: '1.0.0' };

export async function connectStdio(kind: ClientKind, launch: Launch): Promise<TestClient> {
  const params = {
    command: launch.command,
    args: [...launch.args],
    cwd: launch.cwd,
    env: { ...stringEnv(process.env), ...launch.env },
    stderr: 'pipe' as const,
  };
  if (kind === 'v1') {
    const client = new V1Client(CLIENT_INFO);
    await client.connect(new V1Stdio(params));
    return wrap(kind, client);
  }
  const client = newV2Client(kind);
  await client.connect(new V2Stdio(params));
  return wrap(kind, client);
}

/** `headers` go on every request (e.g. an API key the server requires). */
export async function connectHttp(
  kind: ClientKind,
  url: string,
  headers: Record<string, string> = {},
): Promise<TestClient> {
  const options = { requestInit: { headers } };
  if (kind === 'v1') {
    const client = new V1Client(CLIENT_INFO);
    await client.connect(new V1Http(new URL(url), options));
    return wrap(kind, client);
  }
  const client = newV2Client(kind);
  await client.connect(new V2Http(new URL(url), options));
  return wrap(kind, client);
}

function newV2Client(kind: Exclude<ClientKind, 'v1'>): V2Client {
  return new V2Client(CLIENT_INFO, {
    versionNegotiation: { mode: kind === 'v2-modern' ? { pin: MODERN_PROTOCOL_VERSION } : 'legacy' },
  });
}

function wrap(kind: ClientKind, client: SdkClient): TestClient {
  return {
    kind,
    protocolVersion: () => client.getNegotiatedProtocolVersion?.(),
    listTools: async () => (await client.listTools()).tools,
    listToolNames: async () => (await client.listTools()).tools.map((tool) => tool.name),
    callTool: async (name, args) => toOutcome(await client.callTool({ name, arguments: args })),
    close: () => client.close(),
  };
}

function toOutcome(raw: unknown): ToolCallOutcome {
  const result = raw as { isError?: boolean; structuredContent?: unknown; content?: unknown[] };
  const text = (result.content ?? [])
    .filter((block): block is { type: 'text'; text: string } => (block as { type?: string }).type === 'text')
    .map((block) => block.text)
    .join('\n');
  return { isError: result.isError === true, structuredContent: result.structuredContent, text };
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
