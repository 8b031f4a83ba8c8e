/**
 * Test support (not copied into generated servers): the producer side of each queue kind, so the same
 * at-least-once cases run against Redis lists, Redis streams and RabbitMQ.
 */
import amqp from 'amqplib';
import { Redis } from 'ioredis';
import type { QueueKind } from '../contract.js';

export interface TestBroker {
  readonly kind: QueueKind;
  readonly url: string;
  produce(queue: string, message: string): Promise<void>;
  /** Raw payloads in the dead-letter queue. */
  deadLetters(deadLetter: string): Promise<string[]>;
  /** Messages neither acknowledged nor dead-lettered (waiting, or held by a consumer). */
  outstanding(queue: string, group: string): Promise<number>;
  cleanup(queue: string, deadLetter: string): Promise<void>;
  close(): Promise<void>;
}

export function redisListBroker(url: string): TestBroker {
  const redis = new Redis(url);
  return {
    kind: 'redis-list',
    url,
    produce: async (queue, message) => void (await redis.lpush(queue, message)),
    deadLetters: (dl) => redis.lrange(dl, 0, -1),
    outstanding: async (queue) => {
      const processing = await redis.keys(`${queue}:processing:*`);
      let count = await redis.llen(queue);
      for (const key of processing) count += await redis.llen(key);
      return count;
    },
    cleanup: async (queue, dl) => {
      const keys = [queue, dl, ...(await redis.keys(`${queue}:*`))];
      await redis.del(...keys);
    },
    close: async () => void (await redis.quit()),
  };
}

export function redisStreamBroker(url: string): TestBroker {
  const redis = new Redis(url);
  return {
    kind: 'redis-stream',
    url,
    produce: async (stream, message) => void (await redis.xadd(stream, '*', 'data', message)),
    deadLetters: async (dl) => {
      const entries = await redis.xrange(dl, '-', '+');
      return entries.map(([, fields]) => fields[fields.indexOf('data') + 1] ?? '');
    },
    outstanding: async (stream, group) => {
      const pending = (await redis.xpending(stream, group)) as [number, ...unknown[]];
      // Entries not yet read by the group: those after its last-delivered id.
      const groups = (await redis.xinfo('GROUPS', stream)) as unknown[][];
      const info = groups.map((g) => Object.fromEntries(pairs(g))).find((g) => g.name === group);
      const unread = await redis.xrange(stream, `(${String(info?.['last-delivered-id'] ?? '0-0')}`, '+');
      return pending[0] + unread.length;
    },
    cleanup: async (stream, dl) => void (await redis.del(stream, dl)),
    close: async () => void (await redis.quit()),
  };
}

function pairs(list: unknown[]): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (let i = 0; i + 1 < list.length; i += 2) out.push([String(list[i]), list[i + 1]]);
  return out;
}

export async function rabbitBroker(url: string): Promise<TestBroker> {
  const connection = await amqp.connect(url);
  const channel = await connection.createConfirmChannel();
  return {
    kind: 'rabbitmq',
    url,
    produce: async (queue, message) => {
      await channel.assertQueue(queue, { durable: true });
      channel.sendToQueue(queue, Buffer.from(message), { persistent: true });
      await channel.waitForConfirms();
    },
    deadLetters: async (dl) => {
      const messages: string[] = [];
      for (;;) {
        const message = await channel.get(dl, { noAck: false });
        if (!message) break;
        messages.push(message.content.toString('utf8'));
      }
      // Put them back (get + nack requeue), so a second look sees the same.
      channel.nackAll(true);
      return messages;
    },
    outstanding: async (queue) => {
      // messageCount counts ready messages only; unacked ones show as consumers still holding them.
      const { messageCount } = await channel.checkQueue(queue);
      return messageCount;
    },
    cleanup: async (queue, dl) => {
      await channel.deleteQueue(queue);
      await channel.deleteQueue(dl);
    },
    close: async () => {
      await connection.close();
    },
  };
}
