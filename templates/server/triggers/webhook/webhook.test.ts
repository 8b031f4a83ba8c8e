import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool, type ServerDefinition } from '../../lib/contract.js';
import { startServer } from '../../lib/main.js';
import { requestGuard } from '../../lib/request-guard.js';
import { rawExchange } from '../../tests/helpers.js';
import type { WebhookTriggerConfig } from '../contract.js';
import { startTriggers } from '../index.js';
import { failing, recordingTool, testRuntime } from '../testing/recording-tool.js';
import { replayMemory } from './replay.js';
import { listenWebhooks } from './router.js';
import { signPayload, TOLERANCE_SECONDS } from './signature.js';

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

/** A raw node:http POST (no fetch: we need to send a body larger than the limit without a length header). */
function post(url: string, body: string | Buffer, headers: Record<string, string> = {}, method = 'POST') {
  return new Promise<Reply>((resolve, reject) => {
    const req = request(
      url,
      { method, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => {
          text += c.toString('utf8');
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const hook = (patch: Partial<WebhookTriggerConfig> = {}): WebhookTriggerConfig => ({
  type: 'webhook',
  tool: 'record_order',
  path: '/hooks/orders',
  arguments: {
    sku: { from: 'body.sku' },
    source: { from: 'query.source', default: 'web' },
    id: { from: 'headers.x-request-id' },
  },
  retry: { attempts: 1, backoffMs: 0 },
  maxBodyBytes: 1024,
  ...patch,
});

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function serve(config: WebhookTriggerConfig, env: Record<string, string> = {}) {
  const tool = recordingTool();
  const { runtime, router, logs } = testRuntime(tool, { env });
  const triggers = await startTriggers([config], runtime);
  const listener = await listenWebhooks(router, { host: '127.0.0.1', port: 0 });
  cleanups.push(async () => {
    await triggers.stop();
    await listener.close();
  });
  return { tool, triggers, logs, url: `${listener.url}${config.path}` };
}

describe('webhook trigger (standalone listener)', () => {
  it('answers 202 with a run id at once and runs the tool with the mapped event', async () => {
    const { tool, url } = await serve(hook());
    const reply = await post(`${url}?source=shop`, JSON.stringify({ sku: 'A-1' }), { 'x-request-id': 'r-9' });
    expect(reply.status).toBe(202);
    expect(reply.body.runId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await tool.waitForCalls(1)).toEqual([{ sku: 'A-1', source: 'shop', id: 'r-9' }]);
  });

  it('answers before a slow tool has finished', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const tool = recordingTool(async () => {
      await gate;
      return { content: [] };
    });
    const { runtime, router } = testRuntime(tool);
    const triggers = await startTriggers([hook()], runtime);
    const listener = await listenWebhooks(router, { host: '127.0.0.1', port: 0 });
    const reply = await post(`${listener.url}/hooks/orders`, '{"sku":"slow"}');
    expect(reply.status).toBe(202);
    expect(tool.calls).toHaveLength(1);
    release();
    await triggers.stop();
    await listener.close();
  });

  it('rejects other methods (405), bodies over the limit (413) and invalid JSON (400) without running', async () => {
    const { tool, url } = await serve(hook({ maxBodyBytes: 64 }));
    expect((await post(url, '', {}, 'GET')).status).toBe(405);
    expect((await post(url, JSON.stringify({ sku: 'x'.repeat(100) }))).status).toBe(413);
    // Chunked (no content-length): the limit is enforced while reading.
    const chunked = await post(url, Buffer.alloc(10_000, 'a'), { 'transfer-encoding': 'chunked' });
    expect(chunked.status).toBe(413);
    expect((await post(url, '{"sku":')).status).toBe(400);
    expect((await post(url.replace('/orders', '/other'), '{}')).status).toBe(404);
    const good = await post(url, '{"sku":"ok"}');
    expect(good.status).toBe(202);
    await tool.waitForCalls(1);
    expect(tool.calls).toEqual([{ sku: 'ok', source: 'web' }]);
  });

  it('github scheme: accepts X-Hub-Signature-256 made with the secret, rejects forged or missing ones', async () => {
    const secret = 'gh-secret-for-tests';
    const { tool, url, logs } = await serve(hook({ secret: { envVar: 'HOOK_SECRET', scheme: 'github' } }), {
      HOOK_SECRET: secret,
    });
    const body = JSON.stringify({ sku: 'signed' });
    expect((await post(url, body, signPayload('github', secret, body))).status).toBe(202);
    const forged = await post(url, body, signPayload('github', 'wrong-secret', body));
    expect(forged).toEqual({ status: 401, body: { error: 'invalid signature' } });
    const tampered = await post(url, JSON.stringify({ sku: 'evil' }), signPayload('github', secret, body));
    expect(tampered.status).toBe(401);
    expect((await post(url, body)).body).toEqual({ error: 'missing X-Hub-Signature-256 header' });
    await tool.waitForCalls(1);
    expect(tool.calls).toEqual([{ sku: 'signed', source: 'web' }]);
    expect(JSON.stringify(logs)).not.toContain(secret);
  });

  it('standard scheme: accepts a v1 signature with a whsec_ secret, rejects forged, stale and replayed-late ones', async () => {
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const { tool, url } = await serve(hook({ secret: { envVar: 'STD_SECRET', scheme: 'standard' } }), {
      STD_SECRET: secret,
    });
    const body = JSON.stringify({ sku: 'std' });
    const valid = signPayload('standard', secret, body, { id: 'msg_1' });
    expect((await post(url, body, valid)).status).toBe(202);
    // Several signatures (key rotation): one valid v1 among them is enough.
    const second = signPayload('standard', secret, body, { id: 'msg_1b' });
    const rotated = { ...second, 'webhook-signature': `v1,AAAA ${second['webhook-signature']}` };
    expect((await post(url, body, rotated)).status).toBe(202);
    const otherKey = `whsec_${randomBytes(24).toString('base64')}`;
    expect((await post(url, body, signPayload('standard', otherKey, body))).status).toBe(401);
    const stale = signPayload('standard', secret, body, {
      timestampSeconds: Math.floor(Date.now() / 1000) - 3600,
    });
    expect((await post(url, body, stale)).body).toEqual({
      error: 'webhook-timestamp is too old or too far in the future',
    });
    const wrongId = { ...valid, 'webhook-id': 'msg_2' };
    expect((await post(url, body, wrongId)).status).toBe(401);
    await tool.waitForCalls(2);
    expect(tool.calls).toEqual([
      { sku: 'std', source: 'web' },
      { sku: 'std', source: 'web' },
    ]);
  });

  it('standard scheme: refuses a replay of an accepted delivery (same webhook-id) with 409', async () => {
    const secret = `whsec_${randomBytes(24).toString('base64')}`;
    const { tool, url, logs } = await serve(hook({ secret: { envVar: 'STD_SECRET', scheme: 'standard' } }), {
      STD_SECRET: secret,
    });
    const body = JSON.stringify({ sku: 'once' });
    const delivery = signPayload('standard', secret, body, { id: 'msg_replayed' });
    expect((await post(url, body, delivery)).status).toBe(202);
    expect(await post(url, body, delivery)).toEqual({
      status: 409,
      body: { error: 'this delivery was already received' },
    });
    // A new delivery (new id, signed) is still accepted.
    expect((await post(url, body, signPayload('standard', secret, body, { id: 'msg_next' }))).status).toBe(
      202,
    );
    await tool.waitForCalls(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(tool.calls).toHaveLength(2);
    expect(JSON.stringify(logs)).toContain('replayed delivery');
  });

  it('github scheme: refuses a replayed payload under any delivery id, and a reused delivery id', async () => {
    const secret = 'gh-secret-for-replays';
    const { tool, url } = await serve(hook({ secret: { envVar: 'HOOK_SECRET', scheme: 'github' } }), {
      HOOK_SECRET: secret,
    });
    const body = JSON.stringify({ sku: 'gh-once' });
    const signed = { ...signPayload('github', secret, body), 'x-github-delivery': 'd-1' };
    expect((await post(url, body, signed)).status).toBe(202);
    expect((await post(url, body, signed)).status).toBe(409);
    // The delivery header is not signed: a new id on a captured payload is still a replay.
    expect((await post(url, body, { ...signed, 'x-github-delivery': 'd-forged' })).status).toBe(409);
    const other = JSON.stringify({ sku: 'gh-two' });
    const reusedId = { ...signPayload('github', secret, other), 'x-github-delivery': 'd-1' };
    expect((await post(url, other, reusedId)).status).toBe(409);
    const fresh = { ...signPayload('github', secret, other), 'x-github-delivery': 'd-2' };
    expect((await post(url, other, fresh)).status).toBe(202);
    await tool.waitForCalls(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(tool.calls).toEqual([
      { sku: 'gh-once', source: 'web' },
      { sku: 'gh-two', source: 'web' },
    ]);
  });

  it('replay memory is bounded: ids expire after the window, and the oldest go first past the cap', () => {
    const memory = replayMemory('standard', 2);
    const id = (value: string) => ({ 'webhook-id': value });
    const t0 = 1_000_000;
    expect(memory.isReplay(id('a'), t0)).toBe(false);
    expect(memory.isReplay(id('a'), t0 + 1)).toBe(true);
    // Twice the timestamp tolerance later, the signature check refuses the old timestamp itself.
    expect(memory.isReplay(id('a'), t0 + 2 * TOLERANCE_SECONDS * 1000 + 1)).toBe(false);
    const t1 = t0 + 3 * TOLERANCE_SECONDS * 1000;
    for (const value of ['b', 'c', 'd']) expect(memory.isReplay(id(value), t1)).toBe(false);
    expect(memory.isReplay(id('d'), t1)).toBe(true);
    expect(memory.isReplay(id('b'), t1)).toBe(false); // evicted: the cap held
  });

  it('unsigned webhooks have no replay memory (anyone may post them: the spec warns)', async () => {
    const { tool, url } = await serve(hook());
    const headers = { 'webhook-id': 'same', 'x-github-delivery': 'same' };
    expect((await post(url, '{"sku":"u"}', headers)).status).toBe(202);
    expect((await post(url, '{"sku":"u"}', headers)).status).toBe(202);
    await tool.waitForCalls(2);
  });

  it('the stdio listener refuses a foreign Host or Origin (403) and an absolute-form target (400)', async () => {
    const tool = recordingTool();
    const { runtime, router } = testRuntime(tool);
    const triggers = await startTriggers([hook()], runtime);
    const guard = requestGuard({
      config: { http: { host: '127.0.0.1', port: 0, allowedHosts: [], allowedOrigins: [] } },
      env: {},
      host: '127.0.0.1',
    });
    const listener = await listenWebhooks(router, { host: '127.0.0.1', port: 0, guard });
    cleanups.push(async () => {
      await triggers.stop();
      await listener.close();
    });
    const url = `${listener.url}/hooks/orders`;
    expect((await post(url, '{"sku":"h"}', { host: 'evil.example' })).status).toBe(403);
    expect((await post(url, '{"sku":"o"}', { origin: 'http://evil.example' })).status).toBe(403);
    const absolute = await rawExchange(
      listener.port,
      'POST http://evil.example/hooks/orders HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}',
    );
    expect(absolute).toMatch(/^HTTP\/1\.1 400 /);
    expect((await post(url, '{"sku":"ok"}')).status).toBe(202);
    await tool.waitForCalls(1);
    await new Promise((r) => setTimeout(r, 50));
    expect(tool.calls).toEqual([{ sku: 'ok', source: 'web' }]);
  });

  it('a failing tool never breaks the endpoint: later requests are still accepted and run', async () => {
    const tool = recordingTool((_args, call) => (call === 1 ? failing('first fails') : { content: [] }));
    const { runtime, router } = testRuntime(tool);
    const triggers = await startTriggers([hook()], runtime);
    const listener = await listenWebhooks(router, { host: '127.0.0.1', port: 0 });
    cleanups.push(async () => {
      await triggers.stop();
      await listener.close();
    });
    expect((await post(`${listener.url}/hooks/orders`, '{"sku":"1"}')).status).toBe(202);
    expect((await post(`${listener.url}/hooks/orders`, '{"sku":"2"}')).status).toBe(202);
    await tool.waitForCalls(2);
    await new Promise((r) => setTimeout(r, 20));
    expect(triggers.snapshot()['triggers[0] webhook /hooks/orders → record_order']).toMatchObject({
      runs: 2,
      failed: 1,
      succeeded: 1,
    });
  });
});

describe('webhook trigger on the server’s own HTTP listener', () => {
  it('mounts beside /mcp and calls the tool through the server (validation and metrics included)', async () => {
    const received: unknown[] = [];
    const definition: ServerDefinition = {
      config: {
        name: 'hooks-test',
        version: '1.0.0',
        description: '',
        transport: 'http',
        http: { host: '127.0.0.1', port: 0, allowedHosts: [], allowedOrigins: [] },
        auth: { type: 'none' },
        connections: [],
      },
      tools: [
        defineTool({
          name: 'record_order',
          description: 'records an order',
          inputSchema: z.object({ sku: z.string().min(2), source: z.string() }),
          wrap: 'none',
          implementation: {
            type: 'handler',
            handler: async (args) => {
              received.push(args);
              return { ok: true };
            },
          },
        }),
      ],
      resources: [],
      prompts: [],
    };
    const logLines: string[] = [];
    const { createWebhookRouter } = await import('./router.js');
    const router = createWebhookRouter();
    const server = await startServer(definition, {
      argv: [],
      env: {},
      handleSignals: false,
      throwOnStartupError: true,
      routes: [router.route],
      logSink: { write: (l: string) => logLines.push(l) },
    });
    const triggers = await startTriggers(
      [hook({ arguments: { sku: { from: 'body.sku' }, source: { value: 'hook' } } })],
      {
        callTool: server.callTool,
        log: server.log,
        env: {},
        connections: [],
        webhooks: router,
      },
    );
    server.onShutdown(() => triggers.stop());
    cleanups.push(() => server.close());
    const base = `http://127.0.0.1:${server.port}`;
    expect((await post(`${base}/hooks/orders`, '{"sku":"AB"}')).status).toBe(202);
    // Fails the tool's own input validation (min length 2): counted as a failed run, not a crash.
    expect((await post(`${base}/hooks/orders`, '{"sku":"A"}')).status).toBe(202);
    const id = 'triggers[0] webhook /hooks/orders → record_order';
    await waitUntil(() => {
      const counters = triggers.snapshot()[id];
      return counters?.succeeded === 1 && counters.failed === 1;
    });
    // The successful call went through the server's tool path, so its metrics saw it.
    expect(server.metrics.snapshot(definition.config).tools.record_order?.calls).toBeGreaterThanOrEqual(1);
    expect(received).toEqual([{ sku: 'AB', source: 'hook' }]);
    expect(triggers.snapshot()[id]?.lastError).toContain('invalid arguments for record_order: sku');
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
  });
});

async function waitUntil(predicate: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
