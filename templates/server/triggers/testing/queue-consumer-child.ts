/**
 * Test support: a queue consumer in its own process, so a test can SIGKILL it mid-message. Its tool
 * prints `received <args as JSON>` on stdout and then never returns (the message stays unacknowledged).
 * argv[2] = the QueueTriggerConfig as JSON; env TRIGGER_QUEUE_URL = the broker URL; TRIGGER_LEASE_MS.
 */

import { createLogger } from '../../lib/logger.js';
import type { QueueTriggerConfig } from '../contract.js';
import { startTriggers } from '../index.js';
import { createWebhookRouter } from '../webhook/router.js';

const config = JSON.parse(process.argv[2] ?? '{}') as QueueTriggerConfig;
const triggers = await startTriggers([config], {
  callTool: async (_name, args) => {
    process.stdout.write(`received ${JSON.stringify(args)}\n`);
    return new Promise(() => undefined);
  },
  log: createLogger({ level: 'warn' }),
  env: { TRIGGER_QUEUE_URL: process.env.TRIGGER_QUEUE_URL },
  connections: [
    {
      name: config.connection,
      type: config.kind === 'rabbitmq' ? 'rabbitmq' : 'redis',
      envVar: 'TRIGGER_QUEUE_URL',
    },
  ],
  webhooks: createWebhookRouter(),
  tuning: { queueLeaseMs: Number(process.env.TRIGGER_LEASE_MS ?? 1000) },
});
if (triggers.failed.length > 0) process.stderr.write(`${JSON.stringify(triggers.failed)}\n`);
process.stdout.write('ready\n');
