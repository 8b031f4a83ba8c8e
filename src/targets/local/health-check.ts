/**
 * A health check is a real MCP round trip: connect (2025-11-25 handshake, what most clients speak), then
 * `tools/list`, then end the session so a stdio bridge ends the child it spawned for it.
 *
 * The client SDK is imported on first use and warmed up against a canned in-memory exchange: its first
 * real round trip otherwise costs ≈0.45 s of one-time setup, which would land on every deploy. The
 * supervisor pays it while the server is still booting.
 */
import type { HealthAuth, HealthResult } from '../target.js';

type ClientModule = typeof import('@modelcontextprotocol/client');

/** The clientInfo name of health checks (the stdio bridge lets it past a full session cap). */
export const HEALTH_CLIENT_NAME = 'mcp-factory-health';

let loading: Promise<ClientModule> | undefined;

export function loadHealthClient(): Promise<ClientModule> {
  loading ??= import('@modelcontextprotocol/client').then(async (sdk) => {
    await roundTrip(sdk, 'http://warm-up.invalid/mcp', {}, cannedServer);
    return sdk;
  });
  return loading;
}

export interface HealthCheckOptions {
  readonly timeoutMs?: number;
  /** Extra request headers (the server's inbound auth). */
  readonly headers?: Readonly<Record<string, string>>;
}

export async function checkHealth(endpoint: string, options: HealthCheckOptions = {}): Promise<HealthResult> {
  return roundTrip(await loadHealthClient(), endpoint, options);
}

/**
 * The header a health check sends for the server's inbound auth, read from the environment now. A
 * variable may hold several comma-separated keys (the server accepts any of them): one key is sent, the first.
 */
export function healthHeaders(
  auth: HealthAuth | undefined,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  if (auth === undefined) return {};
  const value = firstKey(env[auth.envVar]);
  return auth.type === 'bearer' ? { authorization: `Bearer ${value}` } : { [auth.header]: value };
}

/** The first of the comma-separated keys a credential variable holds ('' when unset). */
export function firstKey(value: string | undefined): string {
  return value?.split(',')[0]?.trim() ?? '';
}

async function roundTrip(
  sdk: ClientModule,
  endpoint: string,
  options: HealthCheckOptions,
  fetch?: (url: string | URL, init?: RequestInit) => Promise<Response>,
): Promise<HealthResult> {
  const started = performance.now();
  const at = new Date().toISOString();
  const timeoutMs = options.timeoutMs ?? 5_000;
  const client = new sdk.Client({ name: HEALTH_CLIENT_NAME, version: '1.0.0' });
  const transport = new sdk.StreamableHTTPClientTransport(new URL(endpoint), {
    requestInit: { headers: { ...options.headers } },
    ...(fetch === undefined ? {} : { fetch }),
  });
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    await client.connect(transport, { signal, timeout: timeoutMs });
    const listed = await client.listTools(undefined, { signal, timeout: timeoutMs });
    return { ok: true, at, latencyMs: elapsed(started), tools: listed.tools.length };
  } catch (error) {
    return { ok: false, at, latencyMs: elapsed(started), error: describe(error) };
  } finally {
    await endSession(client, transport);
  }
}

async function endSession(
  client: { close(): Promise<void> },
  transport: { sessionId?: string | undefined; terminateSession(): Promise<void> },
): Promise<void> {
  try {
    if (transport.sessionId !== undefined) await transport.terminateSession();
  } catch {
    // The server may already be gone; the check's verdict is what matters.
  }
  await client.close().catch(() => undefined);
}

/** Just enough of a 2025-11-25 server, in memory, to run the client's code paths once. */
async function cannedServer(_url: string | URL, init?: RequestInit): Promise<Response> {
  const message = JSON.parse(String(init?.body ?? '{}')) as { id?: number | string; method?: string };
  if (message.id === undefined) return new Response(null, { status: 202 });
  const result =
    message.method === 'initialize'
      ? {
          protocolVersion: '2025-11-25',
          capabilities: { tools: {} },
          serverInfo: { name: 'warm-up', version: '0' },
        }
      : { tools: [{ name: 'warm_up', inputSchema: { type: 'object', properties: {} } }] };
  return Response.json({ jsonrpc: '2.0', id: message.id, result });
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
