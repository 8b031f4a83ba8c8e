import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, type ServerDefinition, type Transport } from '../lib/contract.js';
import { type RunningServer, startServer } from '../lib/main.js';
import { attachTriggers } from './attach.js';
import type { TriggerConfig } from './contract.js';
import { createWebhookRouter } from './webhook/router.js';

const retry = { attempts: 1, backoffMs: 0 };
const triggers: TriggerConfig[] = [
  { type: 'startup', tool: 'note', arguments: { text: { value: 'booted' } }, retry },
  {
    type: 'webhook',
    tool: 'note',
    path: '/hooks/note',
    arguments: { text: { from: 'body.text' } },
    retry,
    maxBodyBytes: 4096,
  },
];

function definition(transport: Transport, received: string[]): ServerDefinition {
  return {
    config: {
      name: 'attach-test',
      version: '1.0.0',
      description: '',
      transport,
      http: { host: '127.0.0.1', port: 0, allowedHosts: [], allowedOrigins: [] },
      auth: { type: 'none' },
      connections: [],
    },
    tools: [
      defineTool({
        name: 'note',
        description: 'keeps a note',
        inputSchema: z.object({ text: z.string() }),
        wrap: 'none',
        implementation: {
          type: 'handler',
          handler: async ({ text }) => {
            received.push(text);
            return { ok: true };
          },
        },
      }),
    ],
    resources: [],
    prompts: [],
  };
}

const servers: RunningServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function until(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function boot(transport: Transport, received: string[]) {
  const def = definition(transport, received);
  const router = createWebhookRouter();
  const server = await startServer(def, {
    argv: [],
    env: {},
    handleSignals: false,
    throwOnStartupError: true,
    routes: [router.route],
    stdin: new PassThrough(),
    stdout: new PassThrough(),
    logSink: { write: () => undefined },
  });
  servers.push(server);
  const attached = await attachTriggers(server, { configs: triggers, router, config: def.config, env: {} });
  return { server, attached };
}

describe('attachTriggers', () => {
  it('http: runs the startup trigger and serves webhooks on the MCP listener', async () => {
    const received: string[] = [];
    const { server, attached } = await boot('http', received);
    expect(attached?.webhookListener).toBeUndefined();
    await until(() => received.includes('booted'));
    const reply = await fetch(`http://127.0.0.1:${server.port}/hooks/note`, {
      method: 'POST',
      body: '{"text":"hi"}',
    });
    expect(reply.status).toBe(202);
    await until(() => received.includes('hi'));
    expect(received).toEqual(['booted', 'hi']);
    // Every run is counted in the server's metrics.
    const metrics = (await (await fetch(`http://127.0.0.1:${server.port}/metrics`)).json()) as {
      triggers?: Record<string, { runs: number; succeeded: number }>;
    };
    const counted = Object.values(metrics.triggers ?? {});
    expect(counted.reduce((sum, t) => sum + t.runs, 0)).toBe(2);
    expect(counted.reduce((sum, t) => sum + t.succeeded, 0)).toBe(2);
  });

  it('stdio: opens a webhook listener of its own and closes it with the server', async () => {
    const received: string[] = [];
    const { server, attached } = await boot('stdio', received);
    const url = `${attached?.webhookListener?.url}/hooks/note`;
    expect((await fetch(url, { method: 'POST', body: '{"text":"over stdio"}' })).status).toBe(202);
    await until(() => received.includes('over stdio'));
    await server.close();
    await expect(fetch(url, { method: 'POST', body: '{}' })).rejects.toThrow();
    expect(attached?.snapshot()['triggers[1] webhook /hooks/note → note']).toMatchObject({
      runs: 1,
      succeeded: 1,
    });
  });

  describe('stdio: a webhook port another process holds', () => {
    let blocker: ReturnType<typeof createServer>;
    let port: number;
    beforeEach(async () => {
      blocker = createServer();
      await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
      port = (blocker.address() as AddressInfo).port;
    });
    afterEach(() => void blocker.close());

    async function bootOn(
      httpPort: number,
      env: Record<string, string>,
      lines: string[],
      received: string[],
    ) {
      const def = definition('stdio', received);
      const config = { ...def.config, http: { ...def.config.http, port: httpPort } };
      const router = createWebhookRouter();
      const server = await startServer(
        { ...def, config },
        {
          argv: [],
          env: {},
          handleSignals: false,
          throwOnStartupError: true,
          routes: [router.route],
          stdin: new PassThrough(),
          stdout: new PassThrough(),
          logSink: { write: (l: string) => lines.push(l) },
        },
      );
      servers.push(server);
      const attach = () =>
        attachTriggers(server, { configs: triggers, router, config, env, throwOnStartupError: true });
      return { server, attach };
    }

    it('the spec default taken: webhooks move to a free port, logged with their URL, and are served', async () => {
      const lines: string[] = [];
      const received: string[] = [];
      const { attach } = await bootOn(port, {}, lines, received);
      const attached = await attach();
      const url = attached?.webhookListener?.url ?? '';
      expect(attached?.webhookListener?.port).not.toBe(port);
      expect(lines.some((l) => l.includes(`webhook port ${port} is in use`) && l.includes(url))).toBe(true);
      expect((await fetch(`${url}/hooks/note`, { method: 'POST', body: '{"text":"moved"}' })).status).toBe(
        202,
      );
      await until(() => received.includes('moved'));
    });

    it('MCP_WEBHOOK_PORT taken: the start is refused, the server closed, and no trigger ran', async () => {
      const lines: string[] = [];
      const received: string[] = [];
      const { server, attach } = await bootOn(0, { MCP_WEBHOOK_PORT: String(port) }, lines, received);
      await expect(attach()).rejects.toThrow(
        new RegExp(`cannot start: webhooks cannot listen on 127.0.0.1:${port}.*MCP_WEBHOOK_PORT`),
      );
      expect(server.closing).toBe(true);
      await server.closed;
      expect(received).toEqual([]); // the startup trigger never fired
    });
  });

  it('stdio: a shutdown that began before the triggers start wins (nothing starts)', async () => {
    const received: string[] = [];
    const def = definition('stdio', received);
    const router = createWebhookRouter();
    const server = await startServer(def, {
      argv: [],
      env: {},
      handleSignals: false,
      throwOnStartupError: true,
      routes: [router.route],
      stdin: new PassThrough(),
      stdout: new PassThrough(),
      logSink: { write: () => undefined },
    });
    void server.close();
    const attached = await attachTriggers(server, { configs: triggers, router, config: def.config, env: {} });
    expect(attached).toBeUndefined();
    await server.closed;
    await new Promise((r) => setTimeout(r, 100));
    expect(received).toEqual([]);
  });
});
