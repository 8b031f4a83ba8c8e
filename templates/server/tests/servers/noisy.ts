/** A server whose handler writes to console.log, spawned by server-stdio.test.ts over stdio. */
import { z } from 'zod';
import { defineTool } from '../../lib/contract.js';
import { startServer } from '../../lib/main.js';

const noisy = defineTool({
  name: 'noisy',
  description: 'logs with console.log, as careless handler code does',
  inputSchema: z.object({}),
  outputSchema: z.object({ ok: z.boolean() }),
  wrap: 'none',
  implementation: {
    type: 'handler',
    handler: async () => {
      console.log('debug output from a handler');
      console.info({ also: 'this' });
      return { ok: true };
    },
  },
});

await startServer({
  config: {
    name: 'noisy',
    version: '0.0.1',
    description: '',
    transport: 'stdio',
    http: { host: '127.0.0.1', port: 0, allowedHosts: [], allowedOrigins: [] },
    auth: { type: 'none' },
    connections: [],
  },
  tools: [noisy],
  resources: [],
  prompts: [],
});
