/**
 * Refuses a signed delivery that was already accepted, so a captured request cannot run its tool again.
 *  - standard: `webhook-id` is signed and the timestamp must be within TOLERANCE_SECONDS of now, so
 *    remembering ids for twice that long refuses every replay the signature check lets through.
 *  - github:   nothing but the body is signed and there is no timestamp, so both the `X-GitHub-Delivery`
 *    id and the signature itself (one per distinct body) are remembered, for RECENT_GITHUB_MS or the last
 *    MAX_REMEMBERED deliveries, whichever is shorter. Older replays and replays after a restart, or to another
 *    replica, are not caught: that is the limit of an unsigned-timestamp scheme.
 * Memory is bounded: entries expire, and the oldest go first past MAX_REMEMBERED.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { type SignatureScheme, TOLERANCE_SECONDS } from './signature.js';

export const MAX_REMEMBERED = 10_000;
export const RECENT_GITHUB_MS = 24 * 60 * 60 * 1000;

export interface ReplayMemory {
  /** True (and nothing recorded) when any key of this delivery was seen; else records them. */
  isReplay(headers: IncomingHttpHeaders, nowMs?: number): boolean;
}

export function replayMemory(scheme: SignatureScheme, max = MAX_REMEMBERED): ReplayMemory {
  const windowMs = scheme === 'standard' ? 2 * TOLERANCE_SECONDS * 1000 : RECENT_GITHUB_MS;
  const expiries = new Map<string, number>(); // insertion order = expiry order (one window for all)
  return {
    isReplay(headers, nowMs = Date.now()) {
      for (const [key, expires] of expiries) {
        if (expires > nowMs && expiries.size <= max) break;
        expiries.delete(key);
      }
      const keys = deliveryKeys(scheme, headers);
      if (keys.some((key) => expiries.has(key))) return true;
      for (const key of keys) expiries.set(key, nowMs + windowMs);
      return false;
    },
  };
}

function deliveryKeys(scheme: SignatureScheme, headers: IncomingHttpHeaders): string[] {
  const names = scheme === 'standard' ? ['webhook-id'] : ['x-github-delivery', 'x-hub-signature-256'];
  const keys: string[] = [];
  for (const name of names) {
    const value = headers[name];
    const text = (Array.isArray(value) ? value[0] : value)?.trim();
    if (text) keys.push(`${name}:${name === 'x-hub-signature-256' ? text.toLowerCase() : text}`);
  }
  return keys;
}
