/**
 * RabbitMQ consumer (amqplib), at-least-once: durable queue, manual acknowledgement. A message is acked
 * only after the tool succeeded, or after every attempt failed and it was published (with publisher
 * confirms) to the dead-letter queue. A run cut short by a stop is nacked with requeue; a consumer whose
 * connection dies loses nothing either, since the broker requeues every unacked message itself. The
 * connection is re-opened with backoff when it drops.
 */
import type { ChannelModel, ConfirmChannel, ConsumeMessage } from 'amqplib';
import type { QueueEvent, QueueTriggerConfig, RunningTrigger, TriggerContext } from '../contract.js';
import { FIRST_CONNECT_WAIT_MS, keepConnected, type Session } from '../reconnect.js';
import { delay, once } from '../run.js';
import { errorMessage, parseMessage } from './message.js';

/** Messages a consumer holds unacked at once (they run one after the other). */
const PREFETCH = 1;

export async function consumeRabbitmq(
  config: QueueTriggerConfig,
  context: TriggerContext,
): Promise<RunningTrigger> {
  const url = context.connectionUrl(config.connection);
  // Loaded here: a server without a RabbitMQ trigger never loads (or needs) amqplib.
  const { default: amqp } = await import('amqplib');
  let current: { connection: ChannelModel; channel: ConfirmChannel; consumerTag: string } | undefined;
  const handling = new Set<Promise<void>>();

  const connect = async (): Promise<Session> => {
    const connection = await amqp.connect(url);
    const lost = new Promise<unknown>((resolve) => {
      connection.once('close', resolve);
      connection.on('error', resolve);
    });
    try {
      const channel = await connection.createConfirmChannel();
      channel.on('error', (error: Error) =>
        context.log.warn('rabbitmq channel error', { error: error.message }),
      );
      await channel.assertQueue(config.queue, { durable: true });
      await channel.assertQueue(config.deadLetter, { durable: true });
      await channel.prefetch(PREFETCH);
      const { consumerTag } = await channel.consume(config.queue, (message) => {
        if (!message) return void connection.close().catch(() => undefined); // cancelled by the broker
        const done = handle(channel, message).catch((error: unknown) =>
          context.log.warn('rabbitmq acknowledgement failed (the broker will redeliver)', {
            error: errorMessage(error),
          }),
        );
        handling.add(done);
        void done.finally(() => handling.delete(done));
      });
      current = { connection, channel, consumerTag };
    } catch (error) {
      await connection.close().catch(() => undefined);
      throw error;
    }
    context.log.info('queue trigger consuming', { kind: 'rabbitmq', queue: config.queue });
    return { lost };
  };

  const handle = async (channel: ConfirmChannel, message: ConsumeMessage) => {
    const id = String(message.properties.messageId ?? message.fields.deliveryTag);
    const event: QueueEvent = { message: parseMessage(message.content), id, queue: config.queue };
    const outcome = await context.run(event);
    if (outcome.status === 'succeeded') return channel.ack(message);
    if (outcome.status === 'aborted') return channel.nack(message, false, true);
    channel.sendToQueue(config.deadLetter, message.content, {
      persistent: true,
      contentType: message.properties.contentType,
      messageId: message.properties.messageId,
      headers: {
        ...message.properties.headers,
        'x-mcp-error': outcome.error,
        'x-mcp-attempts': outcome.attempts,
      },
    });
    await channel.waitForConfirms();
    channel.ack(message);
  };

  const loop = keepConnected(connect, {
    signal: context.signal,
    log: context.log,
    maxMs: context.tuning.reconnectMaxMs,
    what: 'rabbitmq',
  });
  await Promise.race([loop.firstConnected, delay(FIRST_CONNECT_WAIT_MS)]);

  return {
    id: context.id,
    stop: once(async () => {
      const open = current;
      await open?.channel.cancel(open.consumerTag).catch(() => undefined);
      await context.drain();
      await Promise.race([Promise.allSettled([...handling]), delay(context.tuning.stopTimeoutMs)]);
      await open?.connection.close().catch(() => undefined);
      await loop.ended;
    }),
  };
}
