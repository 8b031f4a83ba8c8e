/**
 * Asks a generated server's `/readyz` whether its connections answer (the server probes each one; see
 * templates/server/lib/readiness.ts). Open like `/healthz`, so no credentials travel. A server without the
 * route (a user's own project, the stdio bridge, a server generated before it existed) has no readiness to
 * report: undefined, not "not ready".
 */
import type { ConnectionReadiness, ReadinessResult } from '../targets/index.js';

const DEFAULT_TIMEOUT_MS = 5_000;

export async function checkReadiness(
  endpoint: string,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<ReadinessResult | undefined> {
  const at = new Date().toISOString();
  let response: Response;
  try {
    response = await fetch(new URL('/readyz', endpoint), { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ready: false, at, connections: [], error: `no answer from /readyz: ${reason}` };
  }
  if (response.status === 404) return undefined;
  const body = (await response.json().catch(() => ({}))) as { connections?: ConnectionReadiness[] };
  return { ready: response.status === 200, at, connections: body.connections ?? [] };
}

/** "inventory_db (postgresql): failing — connect ECONNREFUSED 127.0.0.1:5432; …" for messages. */
export function notReadyWords(readiness: ReadinessResult): string {
  const troubled = readiness.connections.filter((c) => c.status !== 'ready');
  if (troubled.length === 0) return readiness.error ?? 'the server did not answer /readyz';
  return troubled
    .map((c) => `connection "${c.name}" (${c.type}): ${c.status}${c.error ? ` — ${c.error}` : ''}`)
    .join('; ');
}
