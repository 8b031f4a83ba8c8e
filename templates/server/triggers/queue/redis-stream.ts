/**
 * Redis stream consumer in a consumer group, at-least-once. New entries come from XREADGROUP (`>`); an
 * entry is XACKed only after the tool succeeded, or after every attempt failed and it was copied to the
 * dead-letter stream (XADD + XACK in one MULTI). An entry left pending by a consumer that died is taken
 * over with XAUTOCLAIM once it has been idle for the lease time; while this consumer works on an entry it
 * keeps resetting the entry's idle time (XCLAIM … JUSTID), so a slow tool is not mistaken for a dead one.
 * The group is created at the start of the stream (id 0): entries written before the first consumer ran
 * are processed too.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { QueueEvent, QueueTriggerConfig, RunningTrigger, TriggerContext } from '../contract.js';
import { delay, once } from '../run.js';
import { errorMessage, parseStreamFields } from './message.js';
import { openRedis } from './redis-clients.js';

const BLOCK_MS = 1000;
const BATCH = 10;
/** An entry taken over this many times (each time its consumer died) is dead-lettered, not run again. */
export const MAX_DELIVERIES = 5;

type Entry = [id: string, fields: string[]];

export async function consumeRedisStream(
  config: QueueTriggerConfig,
  context: TriggerContext,
): Promise<RunningTrigger> {
  const url = context.connectionUrl(config.connection);
  const consumer = randomUUID();
  const redis = await openRedis(url, context);
  const { commands, blocking } = redis;
  let stopped = false;
  let grouped = false;

  const deadLetter = (id: string, fields: string[], error: string) =>
    commands
      .multi()
      .xadd(config.deadLetter, '*', ...fields, 'mcp-error', error, 'mcp-source-id', id)
      .xack(config.queue, config.group, id)
      .exec();
  const handle = async ([id, fields]: Entry, taken: boolean) => {
    const deliveries = taken ? await deliveryCount(commands, config, id) : 1;
    if (deliveries > MAX_DELIVERIES) {
      // Its consumers keep dying while handling it: running it again would only kill this one too.
      context.log.error('dead-lettered an entry that was never acknowledged', { id, deliveries });
      await deadLetter(id, fields, `delivered ${deliveries} times without an acknowledgement`);
      return;
    }
    const event: QueueEvent = { message: parseStreamFields(fields), id, queue: config.queue };
    const keepClaimed = setInterval(
      () =>
        void commands.xclaim(config.queue, config.group, consumer, 0, id, 'JUSTID').catch(() => undefined),
      context.tuning.queueLeaseMs / 3,
    );
    const outcome = await context.run(event).finally(() => clearInterval(keepClaimed));
    if (outcome.status === 'succeeded') await commands.xack(config.queue, config.group, id);
    else if (outcome.status === 'failed') await deadLetter(id, fields, outcome.error);
  };
  const next = async (): Promise<{ entries: Entry[]; taken: boolean }> => {
    if (!grouped) {
      await createGroup(commands, config);
      grouped = true;
    }
    const claimed = await autoclaim(commands, config, consumer, context.tuning.queueLeaseMs);
    if (claimed.length > 0) {
      context.log.warn('took over entries of a stopped consumer', { ids: claimed.map(([id]) => id) });
      return { entries: claimed, taken: true };
    }
    const reply = (await blocking.call(
      'XREADGROUP',
      'GROUP',
      config.group,
      consumer,
      'COUNT',
      BATCH,
      'BLOCK',
      BLOCK_MS,
      'STREAMS',
      config.queue,
      '>',
    )) as [string, Entry[]][] | null;
    return { entries: reply?.[0]?.[1] ?? [], taken: false };
  };
  const loop = (async () => {
    while (!stopped) {
      try {
        const { entries, taken } = await next();
        for (const entry of entries) {
          if (stopped) break;
          await handle(entry, taken);
        }
      } catch (error) {
        if (stopped) break;
        context.log.warn('redis stream read failed', { error: errorMessage(error) });
        await delay(500);
      }
    }
  })();
  context.log.info('queue trigger consuming', {
    kind: 'redis-stream',
    stream: config.queue,
    group: config.group,
    consumer,
  });

  return {
    id: context.id,
    stop: once(async () => {
      stopped = true;
      blocking.disconnect(); // ends a blocked XREADGROUP now
      await context.drain();
      await Promise.race([loop, delay(context.tuning.stopTimeoutMs)]);
      await redis.close();
    }),
  };
}

async function createGroup(redis: Redis, config: QueueTriggerConfig): Promise<void> {
  try {
    await redis.xgroup('CREATE', config.queue, config.group, '0', 'MKSTREAM');
  } catch (error) {
    if (!errorMessage(error).includes('BUSYGROUP')) throw error;
  }
}

/** Entries idle for `minIdleMs` in any consumer's pending list, now ours (deleted ones are skipped). */
async function autoclaim(redis: Redis, config: QueueTriggerConfig, consumer: string, minIdleMs: number) {
  const reply = (await redis.call(
    'XAUTOCLAIM',
    config.queue,
    config.group,
    consumer,
    minIdleMs,
    '0-0',
    'COUNT',
    BATCH,
  )) as [string, (Entry | null)[], string[]?];
  return reply[1].filter((entry): entry is Entry => entry !== null && Array.isArray(entry[1]));
}

/** How many times the group has delivered this entry (XAUTOCLAIM counts as a delivery). */
async function deliveryCount(redis: Redis, config: QueueTriggerConfig, id: string): Promise<number> {
  const rows = (await redis.call('XPENDING', config.queue, config.group, id, id, 1)) as [
    string,
    string,
    number,
    number,
  ][];
  return rows[0]?.[3] ?? 1;
}
