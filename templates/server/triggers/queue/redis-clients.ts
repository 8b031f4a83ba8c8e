/**
 * The two Redis connections a consumer needs: one for blocking reads (a blocked connection cannot send
 * anything else) and one for acknowledgements and bookkeeping. ioredis connects and reconnects on its
 * own and queues commands meanwhile, so a Redis that is down at start-up delays the consumer instead of
 * failing the trigger; start-up waits for it only a little (FIRST_CONNECT_WAIT_MS).
 */
import type { Redis } from 'ioredis';
import type { TriggerContext } from '../contract.js';
import { FIRST_CONNECT_WAIT_MS } from '../reconnect.js';
import { delay } from '../run.js';

/** Runs `fn` only while connected, bounded by `ms`: stop must not wait on a Redis that is down. */
export async function ifConnected(redis: Redis, ms: number, fn: () => Promise<unknown>): Promise<void> {
  if (redis.status !== 'ready') return;
  await Promise.race([fn().catch(() => undefined), delay(ms)]);
}

export interface RedisClients {
  readonly commands: Redis;
  readonly blocking: Redis;
  /** Interrupts a blocking read at once (stop) and closes both. */
  close(): Promise<void>;
}

export async function openRedis(url: string, context: TriggerContext): Promise<RedisClients> {
  // Loaded here: a server without a Redis trigger never loads (or needs) ioredis.
  const { Redis: RedisClient } = await import('ioredis');
  const commands = new RedisClient(url);
  const blocking = new RedisClient(url, { maxRetriesPerRequest: null });
  commands.on('error', (error) => context.log.warn('redis error', { error: error.message }));
  blocking.on('error', () => undefined); // the same outage, already reported through `commands`
  const ready = Promise.all(
    [commands, blocking].map((r) => new Promise((resolve) => r.once('ready', resolve))),
  );
  await Promise.race([ready, delay(FIRST_CONNECT_WAIT_MS)]);
  return {
    commands,
    blocking,
    close: async () => {
      blocking.disconnect();
      // QUIT waits for queued commands; with Redis unreachable they would wait for the reconnect forever.
      if (commands.status === 'ready')
        await Promise.race([commands.quit().catch(() => undefined), delay(1_000)]);
      commands.disconnect();
    },
  };
}
