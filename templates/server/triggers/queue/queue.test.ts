/**
 * At-least-once against the real brokers (MCP_TEST_REDIS_URL, MCP_TEST_RABBITMQ_URL): every message is
 * acknowledged only after the tool succeeded or the message was dead-lettered, and a consumer killed
 * mid-message loses nothing (its message is processed by the next consumer).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueueKind, QueueTriggerConfig } from '../contract.js';
import { startTriggers } from '../index.js';
import { rabbitBroker, redisListBroker, redisStreamBroker, type TestBroker } from '../testing/brokers.js';
import {
  type Behaviour,
  failing,
  ok,
  recordingTool,
  testRuntime,
  uniqueName,
} from '../testing/recording-tool.js';
import { MAX_DELIVERIES } from './redis-stream.js';

const REDIS_URL = process.env.MCP_TEST_REDIS_URL;
const RABBIT_URL = process.env.MCP_TEST_RABBITMQ_URL;
if (!REDIS_URL)
  console.warn('queue trigger tests (redis-list, redis-stream) skipped: set MCP_TEST_REDIS_URL');
if (!RABBIT_URL) console.warn('queue trigger tests (rabbitmq) skipped: set MCP_TEST_RABBITMQ_URL');

const HERE = fileURLToPath(new URL('.', import.meta.url));
const CHILD = join(HERE, '..', 'testing', 'queue-consumer-child.ts');
const TSX_LOADER = resolve(HERE, '../../../../node_modules/tsx/dist/loader.mjs');
const LEASE_MS = 1_000;

const cases: { kind: QueueKind; url: string | undefined; open: (url: string) => Promise<TestBroker> }[] = [
  { kind: 'redis-list', url: REDIS_URL, open: async (url) => redisListBroker(url) },
  { kind: 'redis-stream', url: REDIS_URL, open: async (url) => redisStreamBroker(url) },
  { kind: 'rabbitmq', url: RABBIT_URL, open: rabbitBroker },
];

for (const { kind, url, open } of cases) {
  describe.skipIf(!url)(`queue trigger: ${kind}`, () => {
    let broker: TestBroker;
    const used: string[] = [];
    beforeAll(async () => {
      broker = await open(url as string);
    });
    afterAll(async () => {
      for (const queue of used) await broker.cleanup(queue, `${queue}.dead`).catch(() => undefined);
      await broker.close();
    });

    const config = (attempts = 3): QueueTriggerConfig => {
      const queue = uniqueName(`mcp_trg_${kind.replace('-', '_')}`);
      used.push(queue);
      return {
        type: 'queue',
        kind,
        connection: 'broker',
        queue,
        group: 'test-group',
        deadLetter: `${queue}.dead`,
        tool: 'process',
        arguments: { sku: { from: 'message.sku' }, raw: { from: 'message' }, id: { from: 'id' } },
        retry: { attempts, backoffMs: 50 },
      };
    };
    const consumer = (cfg: QueueTriggerConfig, behaviour: Behaviour = ok) => {
      const tool = recordingTool(behaviour);
      const { runtime, logs } = testRuntime(tool, {
        env: { BROKER_URL: url },
        connections: [
          { name: 'broker', type: kind === 'rabbitmq' ? 'rabbitmq' : 'redis', envVar: 'BROKER_URL' },
        ],
        tuning: { queueLeaseMs: LEASE_MS, stopTimeoutMs: 2_000 },
      });
      return { tool, logs, start: () => startTriggers([cfg], runtime) };
    };

    it('runs the tool for each message (JSON or text) and acknowledges it', async () => {
      const cfg = config();
      const { tool, start } = consumer(cfg);
      const triggers = await start();
      expect(triggers.failed).toEqual([]);
      await broker.produce(cfg.queue, JSON.stringify({ sku: 'A-1' }));
      await broker.produce(cfg.queue, 'plain text');
      const calls = await tool.waitForCalls(2);
      await settle();
      await triggers.stop();
      expect(calls.map(({ sku, raw }) => ({ sku, raw }))).toEqual([
        { sku: 'A-1', raw: { sku: 'A-1' } },
        { sku: undefined, raw: 'plain text' },
      ]);
      expect(calls.every((c) => typeof c.id === 'string' && c.id.length > 0)).toBe(true);
      expect(await broker.outstanding(cfg.queue, cfg.group)).toBe(0);
      expect(await broker.deadLetters(cfg.deadLetter)).toEqual([]);
    });

    it('retries a failing tool, then acknowledges once it succeeds (processed once, not dead-lettered)', async () => {
      const cfg = config(3);
      const { tool, start } = consumer(cfg, (_args, call) =>
        call === 1 ? failing('transient') : ok({}, call),
      );
      const triggers = await start();
      await broker.produce(cfg.queue, JSON.stringify({ sku: 'retry-me' }));
      await tool.waitForCalls(2);
      await settle(500);
      await triggers.stop();
      expect(tool.calls.map((c) => c.sku)).toEqual(['retry-me', 'retry-me']);
      expect(triggers.snapshot()[triggers.running[0]!.id]).toMatchObject({
        runs: 1,
        succeeded: 1,
        retries: 1,
      });
      expect(await broker.outstanding(cfg.queue, cfg.group)).toBe(0);
      expect(await broker.deadLetters(cfg.deadLetter)).toEqual([]);
    });

    it('dead-letters a message whose every attempt failed, and keeps consuming', async () => {
      const cfg = config(2);
      const { tool, start } = consumer(cfg, (args) =>
        args.sku === 'bad' ? failing('rejected') : ok(args, 0),
      );
      const triggers = await start();
      await broker.produce(cfg.queue, JSON.stringify({ sku: 'bad' }));
      await broker.produce(cfg.queue, JSON.stringify({ sku: 'good' }));
      await tool.waitForCalls(3);
      await settle(500);
      await triggers.stop();
      expect(tool.calls.map((c) => c.sku)).toEqual(['bad', 'bad', 'good']);
      expect(await broker.deadLetters(cfg.deadLetter)).toEqual([JSON.stringify({ sku: 'bad' })]);
      expect(await broker.outstanding(cfg.queue, cfg.group)).toBe(0);
    });

    it('a consumer killed mid-message loses nothing: the next consumer processes it', async () => {
      const cfg = config();
      const child = startChild(cfg, url as string);
      await child.line('ready');
      await broker.produce(cfg.queue, JSON.stringify({ sku: 'survivor' }));
      expect(await child.line('received')).toContain('"sku":"survivor"');
      child.process.kill('SIGKILL');
      await new Promise((r) => child.process.once('exit', r));

      const { tool, start } = consumer(cfg);
      const triggers = await start();
      const calls = await tool.waitForCalls(1, 5 * LEASE_MS + 5_000);
      await settle(500);
      await triggers.stop();
      expect(calls.map((c) => c.sku)).toEqual(['survivor']);
      expect(await broker.outstanding(cfg.queue, cfg.group)).toBe(0);
      expect(await broker.deadLetters(cfg.deadLetter)).toEqual([]);
    });

    it('a broker that is down neither fails start-up nor hangs stop (it keeps retrying meanwhile)', async () => {
      const cfg = config();
      const down = kind === 'rabbitmq' ? 'amqp://guest:guest@127.0.0.1:1' : 'redis://127.0.0.1:1';
      const tool = recordingTool();
      const { runtime, logs } = testRuntime(tool, {
        env: { BROKER_URL: down },
        connections: [
          { name: 'broker', type: kind === 'rabbitmq' ? 'rabbitmq' : 'redis', envVar: 'BROKER_URL' },
        ],
      });
      const triggers = await startTriggers([cfg], runtime);
      expect(triggers.failed).toEqual([]);
      const stopping = Date.now();
      await triggers.stop();
      expect(Date.now() - stopping).toBeLessThan(3_000);
      expect(
        logs.some(
          (l) => l.level === 'warn' && /ECONNREFUSED|connection failed|error/.test(JSON.stringify(l)),
        ),
      ).toBe(true);
    });

    it('stop during a retry wait hands the message back instead of losing or dead-lettering it', async () => {
      const cfg = { ...config(5), retry: { attempts: 5, backoffMs: 30_000 } };
      const { tool, start } = consumer(cfg, () => failing('down'));
      const triggers = await start();
      await broker.produce(cfg.queue, JSON.stringify({ sku: 'held' }));
      await tool.waitForCalls(1);
      await triggers.stop();
      expect(await broker.deadLetters(cfg.deadLetter)).toEqual([]);
      const next = consumer(cfg);
      const again = await next.start();
      expect((await next.tool.waitForCalls(1, 5 * LEASE_MS + 5_000)).map((c) => c.sku)).toEqual(['held']);
      await settle(300);
      await again.stop();
      expect(await broker.outstanding(cfg.queue, cfg.group)).toBe(0);
    });
  });
}

describe.skipIf(!RABBIT_URL)('queue trigger: rabbitmq consumer cancelled by the broker', () => {
  it('reconnects, declares the queue again and keeps consuming', async () => {
    const broker = await rabbitBroker(RABBIT_URL as string);
    const queue = uniqueName('mcp_trg_cancel');
    const tool = recordingTool();
    const { runtime, logs } = testRuntime(tool, {
      env: { BROKER_URL: RABBIT_URL },
      connections: [{ name: 'broker', type: 'rabbitmq', envVar: 'BROKER_URL' }],
      tuning: { reconnectMaxMs: 500 },
    });
    const triggers = await startTriggers(
      [
        {
          type: 'queue',
          kind: 'rabbitmq',
          connection: 'broker',
          queue,
          group: 'g',
          deadLetter: `${queue}.dead`,
          tool: 'process',
          arguments: { sku: { from: 'message.sku' } },
          retry: { attempts: 1, backoffMs: 0 },
        },
      ],
      runtime,
    );
    try {
      await broker.produce(queue, '{"sku":"before"}');
      await tool.waitForCalls(1);
      // Deleting the queue makes the broker cancel our consumer (a null delivery).
      await broker.cleanup(queue, `${queue}.dead`);
      // Produced while the consumer is gone: it waits in the re-declared queue for the reconnect.
      await broker.produce(queue, '{"sku":"after"}');
      await tool.waitForCalls(2);
      expect(tool.calls.map((c) => c.sku)).toEqual(['before', 'after']);
      expect(logs.some((l) => l.msg === 'rabbitmq connection lost, reconnecting')).toBe(true);
    } finally {
      await triggers.stop();
      await broker.cleanup(queue, `${queue}.dead`).catch(() => undefined);
      await broker.close();
    }
  });
});

describe.skipIf(!REDIS_URL)('queue trigger: redis-stream entries whose consumers keep dying', () => {
  it(`are dead-lettered after ${MAX_DELIVERIES} deliveries instead of being run again`, async () => {
    const broker = redisStreamBroker(REDIS_URL as string);
    const redis = new Redis(REDIS_URL as string);
    const stream = uniqueName('mcp_trg_poison');
    try {
      await redis.xgroup('CREATE', stream, 'g', '0', 'MKSTREAM');
      const id = await redis.xadd(stream, '*', 'data', '{"sku":"poison"}');
      // A consumer that read it and died, MAX_DELIVERIES times over (XCLAIM without JUSTID counts one).
      await redis.call('XREADGROUP', 'GROUP', 'g', 'ghost', 'COUNT', 1, 'STREAMS', stream, '>');
      for (let i = 1; i < MAX_DELIVERIES; i++) await redis.xclaim(stream, 'g', 'ghost', 0, id as string);
      const tool = recordingTool();
      const { runtime } = testRuntime(tool, {
        env: { BROKER_URL: REDIS_URL },
        connections: [{ name: 'broker', type: 'redis', envVar: 'BROKER_URL' }],
        tuning: { queueLeaseMs: 200 },
      });
      const triggers = await startTriggers(
        [
          {
            type: 'queue',
            kind: 'redis-stream',
            connection: 'broker',
            queue: stream,
            group: 'g',
            deadLetter: `${stream}.dead`,
            tool: 'process',
            arguments: {},
            retry: { attempts: 1, backoffMs: 0 },
          },
        ],
        runtime,
      );
      const deadline = Date.now() + 5_000;
      while ((await broker.deadLetters(`${stream}.dead`)).length === 0 && Date.now() < deadline)
        await settle(50);
      await triggers.stop();
      expect(await broker.deadLetters(`${stream}.dead`)).toEqual(['{"sku":"poison"}']);
      expect(tool.calls).toEqual([]);
      expect(await broker.outstanding(stream, 'g')).toBe(0);
    } finally {
      await redis.del(stream, `${stream}.dead`);
      await redis.quit();
      await broker.close();
    }
  });
});

function settle(ms = 200): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function startChild(config: QueueTriggerConfig, url: string) {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', TSX_LOADER, CHILD, JSON.stringify(config)],
    {
      env: { ...process.env, TRIGGER_QUEUE_URL: url, TRIGGER_LEASE_MS: String(LEASE_MS) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  let errors = '';
  child.stdout?.on('data', (c: Buffer) => {
    output += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    errors += c.toString('utf8');
  });
  return {
    process: child,
    line: async (prefix: string, timeoutMs = 15_000): Promise<string> => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = output.split('\n').find((l) => l.startsWith(prefix));
        if (found) return found;
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`child never printed "${prefix}"; stdout: ${output}; stderr: ${errors}`);
        await settle(20);
      }
    },
  };
}
