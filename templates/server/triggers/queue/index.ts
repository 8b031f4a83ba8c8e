/**
 * Queue trigger: one consumer per trigger, at-least-once for every kind — a message is acknowledged only
 * after the tool succeeded, or after the run's retries all failed and the message is in `deadLetter`.
 * Event = { message (JSON-parsed, else the text), id, queue }.
 */
import type {
  QueueKind,
  QueueTriggerConfig,
  RunningTrigger,
  TriggerContext,
  TriggerFactory,
} from '../contract.js';
import { consumeRabbitmq } from './rabbitmq.js';
import { consumeRedisList } from './redis-list.js';
import { consumeRedisStream } from './redis-stream.js';

export const CONSUMERS: Record<
  QueueKind,
  (config: QueueTriggerConfig, context: TriggerContext) => Promise<RunningTrigger>
> = {
  'redis-list': consumeRedisList,
  'redis-stream': consumeRedisStream,
  rabbitmq: consumeRabbitmq,
};

export const start: TriggerFactory<QueueTriggerConfig> = (config, context) =>
  CONSUMERS[config.kind](config, context);
