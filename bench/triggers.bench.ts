/**
 * Trigger runtime (templates/server/triggers), each case beside its baseline in the same run:
 *  - webhook → tool latency: POST to a webhook trigger until its (trivial) tool is called, against a bare
 *    node:http POST round trip (the least any webhook can cost).
 *  - queue throughput: a batch of BATCH messages produced and consumed by a queue trigger (each acked after
 *    its tool call), against the raw client doing the same: LPUSH + BRPOP for a Redis list, publish +
 *    consume with manual ack (prefetch 1, as the trigger) for RabbitMQ. Skipped when MCP_TEST_REDIS_URL /
 *    MCP_TEST_RABBITMQ_URL is unset.
 *
 *   npm run bench -- triggers          the shared harness table (median, p95; × the webhook baseline)
 *   npx tsx bench/triggers.bench.ts    p50 / p99 latency and messages/s, each against its own baseline
 */
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import amqp from 'amqplib';
import { Redis } from 'ioredis';
import { createLogger } from '../templates/server/lib/logger.js';
import type { QueueKind, TriggerConfig, TriggerRuntime } from '../templates/server/triggers/contract.js';
import { createWebhookRouter, listenWebhooks, startTriggers } from '../templates/server/triggers/index.js';
import { isMain } from '../test/verification/lib/is-main.js';
import { type BenchCase, defineBench, percentile } from './lib/measure.js';

const BATCH = 200;
const REDIS_URL = process.env.MCP_TEST_REDIS_URL;
const RABBIT_URL = process.env.MCP_TEST_RABBITMQ_URL;
const silent = createLogger({ level: 'error', sink: { write: () => undefined } });
const retry = { attempts: 1, backoffMs: 0 };

/** A trivial tool whose calls can be awaited: `next()` resolves at the next call. */
function countingTool() {
  let calls = 0;
  let waiters: Array<{ at: number; wake: () => void }> = [];
  const callTool: TriggerRuntime['callTool'] = async () => {
    calls++;
    const due = waiters.filter((w) => calls >= w.at);
    waiters = waiters.filter((w) => calls < w.at);
    for (const w of due) w.wake();
    return { content: [{ type: 'text', text: 'ok' }] };
  };
  const until = (count: number) =>
    count <= calls ? Promise.resolve() : new Promise<void>((wake) => waiters.push({ at: count, wake }));
  return {
    callTool,
    until,
    get calls() {
      return calls;
    },
  };
}

function runtimeFor(tool: ReturnType<typeof countingTool>, url = ''): TriggerRuntime {
  return {
    callTool: tool.callTool,
    log: silent,
    env: { BENCH_BROKER_URL: url },
    connections: [
      { name: 'broker', type: url.startsWith('amqp') ? 'rabbitmq' : 'redis', envVar: 'BENCH_BROKER_URL' },
    ],
    webhooks: createWebhookRouter(),
  };
}

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', agent: keepAlive, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const keepAlive = new Agent({ keepAlive: true, maxSockets: 1 });

async function bareHttp(): Promise<{ url: string; close(): void }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(202, { 'content-type': 'application/json' }).end('{"runId":"x"}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, close: () => server.close() };
}

interface CaseSet {
  readonly cases: BenchCase[];
  close(): Promise<void>;
}

async function webhookCases(): Promise<CaseSet> {
  const bare = await bareHttp();
  const tool = countingTool();
  const runtime = runtimeFor(tool);
  const config: TriggerConfig = {
    type: 'webhook',
    tool: 't',
    path: '/hook',
    arguments: { sku: { from: 'body.sku' } },
    retry,
    maxBodyBytes: 1 << 20,
  };
  const triggers = await startTriggers([config], runtime);
  const listener = await listenWebhooks(runtime.webhooks as ReturnType<typeof createWebhookRouter>, {
    host: '127.0.0.1',
    port: 0,
  });
  const body = JSON.stringify({ sku: 'A-1' });
  const cases: BenchCase[] = [
    { name: 'bare node:http POST round trip', baseline: true, fn: () => post(bare.url, body) },
    {
      name: 'webhook POST → tool called',
      fn: async () => {
        const called = tool.until(tool.calls + 1);
        await post(`${listener.url}/hook`, body);
        await called;
      },
    },
  ];
  return {
    cases,
    close: async () => {
      keepAlive.destroy();
      bare.close();
      await triggers.stop();
      await listener.close();
    },
  };
}

async function queueTrigger(kind: QueueKind, url: string, queue: string) {
  const tool = countingTool();
  const config: TriggerConfig = {
    type: 'queue',
    kind,
    connection: 'broker',
    queue,
    group: 'bench',
    deadLetter: `${queue}.dead`,
    tool: 't',
    arguments: {},
    retry,
  };
  const triggers = await startTriggers([config], runtimeFor(tool, url));
  if (triggers.failed.length > 0) throw new Error(triggers.failed[0]?.error);
  return { tool, triggers };
}

async function redisListCases(url: string): Promise<CaseSet> {
  const queue = `mcp_bench_list_${process.pid}`;
  const producer = new Redis(url);
  const consumer = new Redis(url);
  await producer.del(queue, `${queue}-raw`);
  const { tool, triggers } = await queueTrigger('redis-list', url, queue);
  const messages = Array.from({ length: BATCH }, (_, i) => JSON.stringify({ n: i }));
  const cases: BenchCase[] = [
    {
      name: `redis list: raw LPUSH + BRPOP ×${BATCH}`,
      fn: async () => {
        await producer.lpush(`${queue}-raw`, ...messages);
        for (let i = 0; i < BATCH; i++) await consumer.brpop(`${queue}-raw`, 5);
      },
    },
    {
      name: `redis list trigger ×${BATCH} (at-least-once)`,
      fn: async () => {
        const done = tool.until(tool.calls + BATCH);
        await producer.lpush(queue, ...messages);
        await done;
      },
    },
  ];
  return {
    cases,
    close: async () => {
      await triggers.stop();
      await producer.del(queue, `${queue}-raw`, `${queue}.dead`);
      await Promise.all([producer.quit(), consumer.quit()]);
    },
  };
}

async function rabbitCases(url: string): Promise<CaseSet> {
  const queue = `mcp_bench_amqp_${process.pid}`;
  const connection = await amqp.connect(url);
  const channel = await connection.createConfirmChannel();
  for (const q of [queue, `${queue}-raw`]) await channel.assertQueue(q, { durable: true });
  await channel.purgeQueue(`${queue}-raw`);
  const raw = await connection.createChannel();
  await raw.prefetch(1);
  let rawCount = 0;
  let rawWake: (() => void) | undefined;
  let rawTarget = 0;
  await raw.consume(`${queue}-raw`, (m) => {
    if (!m) return;
    raw.ack(m);
    if (++rawCount >= rawTarget) rawWake?.();
  });
  const { tool, triggers } = await queueTrigger('rabbitmq', url, queue);
  const publish = async (q: string) => {
    for (let i = 0; i < BATCH; i++)
      channel.sendToQueue(q, Buffer.from(JSON.stringify({ n: i })), { persistent: true });
    await channel.waitForConfirms();
  };
  const cases: BenchCase[] = [
    {
      name: `rabbitmq: raw publish + consume/ack ×${BATCH}`,
      fn: async () => {
        rawTarget = rawCount + BATCH;
        const done = new Promise<void>((r) => {
          rawWake = r;
        });
        await publish(`${queue}-raw`);
        await done;
      },
    },
    {
      name: `rabbitmq trigger ×${BATCH} (at-least-once)`,
      fn: async () => {
        const done = tool.until(tool.calls + BATCH);
        await publish(queue);
        await done;
      },
    },
  ];
  return {
    cases,
    close: async () => {
      await triggers.stop();
      for (const q of [queue, `${queue}-raw`, `${queue}.dead`]) await channel.deleteQueue(q);
      await connection.close();
    },
  };
}

async function allCases(): Promise<CaseSet> {
  const sets = [await webhookCases()];
  if (REDIS_URL) sets.push(await redisListCases(REDIS_URL));
  else console.error('triggers bench: redis list cases skipped (set MCP_TEST_REDIS_URL)');
  if (RABBIT_URL) sets.push(await rabbitCases(RABBIT_URL));
  else console.error('triggers bench: rabbitmq cases skipped (set MCP_TEST_RABBITMQ_URL)');
  return {
    cases: sets.flatMap((set) => set.cases),
    close: async () => {
      for (const set of sets) await set.close();
    },
  };
}

const ITERATIONS = 30;
const WARMUP = 5;

export default defineBench({
  name: 'triggers',
  description: `webhook → tool latency; queue batches of ${BATCH} (ms per batch)`,
  iterations: ITERATIONS,
  warmup: WARMUP,
  setup: async () => {
    const { cases, close } = await allCases();
    return closeAfterLastRun(cases, ITERATIONS + WARMUP, close);
  },
});

/**
 * The harness has no teardown hook and runs cases in order, each warmup + iterations times; the open
 * consumers and connections would keep the process alive after the table, so the last case closes
 * everything after its last run.
 */
function closeAfterLastRun(cases: BenchCase[], runs: number, close: () => Promise<void>): BenchCase[] {
  const last = cases.at(-1);
  if (!last) return cases;
  let count = 0;
  const fn = async () => {
    await last.fn();
    if (++count === runs) await close();
  };
  return [...cases.slice(0, -1), { ...last, fn }];
}

/**
 * Direct run: latency percentiles and queue rates, pair by pair. Samples of a case and its baseline are
 * interleaved (A, B, A, B…) so load from other processes on a shared machine hits both alike.
 */
async function report(): Promise<void> {
  const { cases, close } = await allCases();
  const lines: string[] = [];
  for (let i = 0; i + 1 < cases.length; i += 2) {
    const pair = [cases[i]!, cases[i + 1]!];
    const isLatency = i === 0;
    const { iterations, warmup } = isLatency
      ? { iterations: 2_000, warmup: 200 }
      : { iterations: 15, warmup: 2 };
    const samples: number[][] = [[], []];
    for (let n = 0; n < warmup + iterations; n++) {
      for (const [k, c] of pair.entries()) {
        const started = performance.now();
        await c.fn();
        if (n >= warmup) samples[k]!.push(performance.now() - started);
      }
    }
    for (const [k, c] of pair.entries()) {
      const sorted = samples[k]!.sort((a, b) => a - b);
      const p50 = percentile(sorted, 0.5);
      lines.push(
        isLatency
          ? `${c.name.padEnd(48)} p50 ${p50.toFixed(3)} ms  p99 ${percentile(sorted, 0.99).toFixed(3)} ms`
          : `${c.name.padEnd(48)} ${Math.round((BATCH / p50) * 1000)} messages/s (median of ${iterations} batches)`,
      );
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  await close();
}

if (isMain(import.meta.url)) await report();
