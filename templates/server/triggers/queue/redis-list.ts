/**
 * Redis list consumer, at-least-once. Producers `LPUSH <queue>`; this consumer moves each message with
 * BLMOVE into its own processing list `<queue>:processing:<consumer>` and removes it (LREM) only after the
 * tool succeeded, or after every attempt failed and it was pushed to the dead-letter list, both in one
 * MULTI. While it lives, the consumer renews a lease key `<queue>:consumer:<consumer>`; any consumer finds
 * processing lists whose lease has expired (a killed server) and moves their messages back to the queue,
 * so nothing held by a dead consumer is lost. On a clean stop it hands its own messages back at once.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { QueueEvent, QueueTriggerConfig, RunningTrigger, TriggerContext } from '../contract.js';
import { delay, once } from '../run.js';
import { errorMessage, parseMessage } from './message.js';
import { ifConnected, openRedis } from './redis-clients.js';

const BLOCK_SECONDS = 1;

export async function consumeRedisList(
  config: QueueTriggerConfig,
  context: TriggerContext,
): Promise<RunningTrigger> {
  const url = context.connectionUrl(config.connection);
  const consumer = randomUUID();
  const keys = listKeys(config.queue, consumer);
  const redis = await openRedis(url, context);
  const { commands, blocking } = redis;
  const lease = () => commands.set(keys.lease, '1', 'PX', context.tuning.queueLeaseMs);
  const timers = [
    setInterval(() => void lease().catch(() => undefined), context.tuning.queueLeaseMs / 3),
    setInterval(() => void recoverAbandoned(commands, config.queue, context), context.tuning.queueLeaseMs),
  ];
  for (const timer of timers) timer.unref();
  let stopped = false;

  const handle = async (raw: string) => {
    const event: QueueEvent = { message: parseMessage(raw), id: randomUUID(), queue: config.queue };
    const outcome = await context.run(event);
    if (outcome.status === 'succeeded') await commands.lrem(keys.processing, 1, raw);
    else if (outcome.status === 'failed')
      await commands.multi().lpush(config.deadLetter, raw).lrem(keys.processing, 1, raw).exec();
  };
  let leased = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        // The lease exists before this consumer holds anything, so no one requeues what it is working on.
        if (!leased) {
          await lease();
          leased = true;
          await recoverAbandoned(commands, config.queue, context);
        }
        const raw = await blocking.blmove(config.queue, keys.processing, 'RIGHT', 'LEFT', BLOCK_SECONDS);
        if (raw !== null) await handle(raw);
      } catch (error) {
        if (stopped) break;
        context.log.warn('redis list read failed', { error: errorMessage(error) });
        await delay(500);
      }
    }
  })();
  context.log.info('queue trigger consuming', { kind: 'redis-list', queue: config.queue, consumer });

  return {
    id: context.id,
    stop: once(async () => {
      stopped = true;
      for (const timer of timers) clearInterval(timer);
      blocking.disconnect(); // ends a blocked BLMOVE now
      await context.drain();
      await Promise.race([loop, delay(context.tuning.stopTimeoutMs)]);
      // Whatever this consumer still holds goes back to the queue now, not after the lease expires.
      await ifConnected(commands, context.tuning.stopTimeoutMs, async () => {
        await requeueAll(commands, keys.processing, config.queue);
        await commands.del(keys.lease);
      });
      await redis.close();
    }),
  };
}

export function listKeys(queue: string, consumer: string) {
  return { processing: `${queue}:processing:${consumer}`, lease: `${queue}:consumer:${consumer}` };
}

/** Moves the messages of every consumer whose lease expired back to the front of the queue. */
async function recoverAbandoned(redis: Redis, queue: string, context: TriggerContext): Promise<void> {
  try {
    const prefix = `${queue}:processing:`;
    let cursor = '0';
    do {
      const [next, found] = await redis.scan(cursor, 'MATCH', `${escapeGlob(prefix)}*`, 'COUNT', 100);
      cursor = next;
      for (const processing of found) {
        const consumer = processing.slice(prefix.length);
        if (await redis.exists(listKeys(queue, consumer).lease)) continue;
        const moved = await requeueAll(redis, processing, queue);
        if (moved > 0) context.log.warn('requeued messages of a stopped consumer', { consumer, moved });
      }
    } while (cursor !== '0');
  } catch (error) {
    context.log.warn('redis list recovery failed', { error: errorMessage(error) });
  }
}

/** Newest first onto the consuming end, so the oldest is taken first again. LMOVE is atomic per message. */
async function requeueAll(redis: Redis, processing: string, queue: string): Promise<number> {
  let moved = 0;
  while ((await redis.lmove(processing, queue, 'LEFT', 'RIGHT')) !== null) moved++;
  return moved;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
