/**
 * How full a stdio deployment's bridge is, read from its /healthz (bridge-server.ts). The supervisor asks
 * after each healthy check: a bridge whose every session slot is taken answers its health checks (they have
 * slots of their own) but refuses new clients, and status must say so.
 */
import type { BridgeLoad } from './stdio-bridge.js';

export async function readBridgeLoad(endpoint: string, timeoutMs: number): Promise<BridgeLoad | undefined> {
  try {
    const response = await fetch(new URL('/healthz', endpoint), { signal: AbortSignal.timeout(timeoutMs) });
    const body = (await response.json()) as Partial<BridgeLoad>;
    if (typeof body.inUse !== 'number' || typeof body.maxSessions !== 'number') return undefined;
    return { inUse: body.inUse, maxSessions: body.maxSessions, atLimit: body.atLimit === true };
  } catch {
    return undefined; // the MCP round trip decides health; this only adds detail
  }
}

/** The status reason of a full bridge, or undefined when it has room. */
export function fullBridgeReason(load: BridgeLoad | undefined): string | undefined {
  if (load?.atLimit !== true) return undefined;
  const usage = `${load.inUse} of ${load.maxSessions} in use`;
  return `stdio bridge at its session limit (${usage}): new clients get HTTP 503 until a session ends or its client is gone`;
}
