/**
 * Keeps a connection-based listener alive: `connect()` opens it and resolves with a promise that settles
 * when the connection is lost; then it is opened again after a backoff (250 ms doubling up to
 * `maxMs`), reset once a connection has lived a while. Shared by the database and queue triggers.
 */
import type { Logger } from '../lib/logger.js';
import { abortableDelay } from './run.js';

export interface Session {
  /** Settles when the connection is lost (or closed by stop). */
  readonly lost: Promise<unknown>;
}

export interface ReconnectLoop {
  /** Resolves once the first connection succeeded (or stop was called). */
  readonly firstConnected: Promise<void>;
  /** Resolves when the loop has ended (after the signal aborted). */
  readonly ended: Promise<void>;
}

const FIRST_DELAY_MS = 250;

/** How long a trigger's start waits for its first connection before letting the loop keep trying alone. */
export const FIRST_CONNECT_WAIT_MS = 5_000;

export function keepConnected(
  connect: () => Promise<Session>,
  options: { signal: AbortSignal; log: Logger; maxMs: number; what: string },
): ReconnectLoop {
  let markConnected: () => void = () => undefined;
  const firstConnected = new Promise<void>((resolve) => {
    markConnected = resolve;
  });
  const ended = (async () => {
    let delayMs = FIRST_DELAY_MS;
    while (!options.signal.aborted) {
      try {
        const session = await connect();
        markConnected();
        const since = Date.now();
        await session.lost;
        if (Date.now() - since > options.maxMs) delayMs = FIRST_DELAY_MS;
        if (options.signal.aborted) break;
        options.log.warn(`${options.what} connection lost, reconnecting`, { inMs: delayMs });
      } catch (error) {
        if (options.signal.aborted) break;
        options.log.warn(`${options.what} connection failed, retrying`, {
          error: error instanceof Error ? error.message : String(error),
          inMs: delayMs,
        });
      }
      await abortableDelay(delayMs, options.signal).catch(() => undefined);
      delayMs = Math.min(delayMs * 2, options.maxMs);
    }
    markConnected();
  })();
  return { firstConnected, ended };
}
