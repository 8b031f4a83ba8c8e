/**
 * A health check is a real MCP round trip: connect (2025-11-25 handshake, what most clients speak), then
 * `tools/list`, then end the session so a stdio bridge ends the child it spawned for it.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import type { HealthResult } from '../target.js';

export async function checkHealth(endpoint: string, timeoutMs = 5_000): Promise<HealthResult> {
  const started = performance.now();
  const at = new Date().toISOString();
  const client = new Client({ name: 'mcp-factory-health', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(endpoint));
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

async function endSession(client: Client, transport: StreamableHTTPClientTransport): Promise<void> {
  try {
    if (transport.sessionId !== undefined) await transport.terminateSession();
  } catch {
    // The server may already be gone; the check's verdict is what matters.
  }
  await client.close().catch(() => undefined);
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
