/**
 * `arguments.<name>.from` is a dot path into the trigger's event. The event shapes are those of the runtime
 * (templates/server/triggers/contract.ts, "Events"): a path starting anywhere else always reads nothing.
 */
import { didYouMean } from '../did-you-mean.js';
import type { TriggerSpec } from '../types.js';
import { findings, type SpecRule } from './rule.js';

export const EVENT_FIELDS: Readonly<Record<TriggerSpec['type'], readonly string[]>> = {
  webhook: ['body', 'headers', 'query', 'path'],
  cron: ['scheduledAt', 'firedAt'],
  file: ['path', 'event'],
  queue: ['message', 'id', 'queue'],
  database: ['channel', 'payload'],
  startup: ['startedAt'],
};

export const triggerEventPaths: SpecRule = {
  name: 'trigger-event-paths',
  check({ spec }) {
    const report = findings('trigger-event-paths');
    spec.triggers.forEach((trigger, index) => {
      const fields = EVENT_FIELDS[trigger.type];
      for (const [name, source] of Object.entries(trigger.arguments)) {
        if (!('from' in source)) continue;
        const path = ['triggers', index, 'arguments', name, 'from'];
        const [root, second] = source.from.split('.');
        if (!fields.includes(root!)) {
          report.error(
            path,
            `a ${trigger.type} event has no \`${root}\`, so \`${source.from}\` is always empty`,
            didYouMean(root!, fields) ?? `a ${trigger.type} event has: ${fields.join(', ')}`,
          );
        } else if (
          trigger.type === 'webhook' &&
          root === 'headers' &&
          second &&
          second !== second.toLowerCase()
        ) {
          report.error(
            path,
            `header names arrive in lower case, so \`${source.from}\` is always empty`,
            `write \`headers.${second.toLowerCase()}\``,
          );
        }
      }
    });
    return report.list;
  },
};
