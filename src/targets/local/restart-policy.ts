/**
 * Crash accounting for the supervisor: exponential backoff between restarts and a cap on crashes within a
 * sliding window. Pure, so the policy is tested without processes.
 */
import type { RestartPolicy } from '../target.js';

export interface CrashHistory {
  /** Times (ms) of recent crashes, oldest first. */
  readonly crashes: readonly number[];
  /** Crashes since the server last passed a health check: drives the backoff exponent. */
  readonly consecutive: number;
}

export type RestartDecision =
  | { readonly action: 'restart'; readonly delayMs: number; readonly history: CrashHistory }
  | { readonly action: 'give-up'; readonly reason: string; readonly history: CrashHistory };

export const EMPTY_HISTORY: CrashHistory = { crashes: [], consecutive: 0 };

export function decideRestart(policy: RestartPolicy, history: CrashHistory, now: number): RestartDecision {
  const crashes = [...history.crashes.filter((at) => now - at < policy.windowMs), now];
  const next: CrashHistory = { crashes, consecutive: history.consecutive + 1 };
  if (crashes.length > policy.maxRestarts) {
    const seconds = Math.round(policy.windowMs / 1000);
    return { action: 'give-up', reason: `crashed ${crashes.length} times within ${seconds}s`, history: next };
  }
  return { action: 'restart', delayMs: backoffDelay(policy, next.consecutive), history: next };
}

/** initialDelay × 2^(n-1), capped at maxDelay. */
export function backoffDelay(policy: RestartPolicy, consecutive: number): number {
  const exponent = Math.max(0, consecutive - 1);
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(exponent, 30));
}

/** A healthy server resets the backoff, but the window still remembers its crashes. */
export function markHealthy(history: CrashHistory): CrashHistory {
  return history.consecutive === 0 ? history : { crashes: history.crashes, consecutive: 0 };
}
