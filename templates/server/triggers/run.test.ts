import { describe, expect, it } from 'vitest';
import { mapArguments, readPath } from './arguments.js';
import type { StartupTriggerConfig } from './contract.js';
import { startTriggers } from './index.js';
import { backoffMs, createTriggerContext, MAX_BACKOFF_MS } from './run.js';
import { TriggerStats } from './stats.js';
import { failing, ok, recordingTool, testRuntime } from './testing/recording-tool.js';

describe('mapArguments', () => {
  const event = { body: { sku: 'A-1', items: [{ qty: 3 }], empty: null }, headers: { 'x-id': 'h1' } };
  it.each([
    ['a dot path', { sku: { from: 'body.sku' } }, { sku: 'A-1' }],
    ['an array index', { qty: { from: 'body.items.0.qty' } }, { qty: 3 }],
    ['a dashed header', { id: { from: 'headers.x-id' } }, { id: 'h1' }],
    ['a missing path with a default', { n: { from: 'body.nope', default: 7 } }, { n: 7 }],
    ['a missing path without default (absent)', { n: { from: 'body.nope.deeper' } }, {}],
    ['null is a value, not missing', { e: { from: 'body.empty', default: 1 } }, { e: null }],
    ['a constant', { mode: { value: { fast: true } } }, { mode: { fast: true } }],
    ['prototype keys read as absent', { p: { from: 'body.__proto__' }, c: { from: 'body.constructor' } }, {}],
  ])('%s', (_name, mapping, want) => {
    expect(mapArguments(mapping, event)).toEqual(want);
  });

  it('gives each run its own copy of a constant', () => {
    const mapping = { list: { value: [1] } };
    (mapArguments(mapping, {}).list as number[]).push(2);
    expect(mapArguments(mapping, {})).toEqual({ list: [1] });
  });

  it('never walks into strings', () => {
    expect(readPath({ s: 'abc' }, 's.length')).toBeUndefined();
  });
});

describe('backoff', () => {
  it('doubles per attempt and is capped', () => {
    expect([1, 2, 3].map((a) => backoffMs(100, a))).toEqual([100, 200, 400]);
    expect(backoffMs(1000, 30)).toBe(MAX_BACKOFF_MS);
  });
});

const startup = (attempts: number, backoff = 10): StartupTriggerConfig => ({
  type: 'startup',
  tool: 'job',
  arguments: { mode: { value: 'boot' } },
  retry: { attempts, backoffMs: backoff },
});

describe('the shared runner', () => {
  it('retries a failing tool per policy, then succeeds; logs and counts every run', async () => {
    const tool = recordingTool((_args, call) => (call < 3 ? failing(`boom ${call}`) : ok({}, call)));
    const { runtime, logs } = testRuntime(tool);
    const stats = new TriggerStats();
    const context = createTriggerContext('t1', startup(3), runtime, stats);
    const outcome = await context.run({});
    expect(outcome).toMatchObject({ status: 'succeeded', attempts: 3 });
    expect(tool.calls).toEqual([{ mode: 'boot' }, { mode: 'boot' }, { mode: 'boot' }]);
    expect(stats.snapshot().t1).toMatchObject({ runs: 1, succeeded: 1, failed: 0, retries: 2 });
    const retries = logs.filter((l) => l.msg === 'trigger run failed, retrying');
    expect(retries.map((l) => l.error)).toEqual(['boom 1', 'boom 2']);
    expect(logs.find((l) => l.msg === 'trigger run succeeded')).toMatchObject({
      trigger: 't1',
      tool: 'job',
      attempts: 3,
    });
  });

  it('ends as failed after the last attempt, with the tool error; a thrown error is a failure too', async () => {
    const tool = recordingTool(() => {
      throw new Error('exploded');
    });
    const { runtime, logs } = testRuntime(tool);
    const stats = new TriggerStats();
    const outcome = await createTriggerContext('t2', startup(2), runtime, stats).run({});
    expect(outcome).toMatchObject({ status: 'failed', attempts: 2, error: 'exploded' });
    expect(stats.snapshot().t2).toMatchObject({ runs: 1, failed: 1, lastError: 'exploded' });
    expect(logs.find((l) => l.msg === 'trigger run failed')).toMatchObject({
      level: 'error',
      outcome: 'failed',
    });
  });

  it('drain cancels a retry wait (aborted, not failed) and later events are not run', async () => {
    const tool = recordingTool(() => failing('down'));
    const { runtime } = testRuntime(tool);
    const stats = new TriggerStats();
    const context = createTriggerContext('t3', startup(5, 60_000), runtime, stats);
    const running = context.run({});
    await tool.waitForCalls(1);
    const started = Date.now();
    await context.drain();
    expect(await running).toMatchObject({ status: 'aborted', attempts: 1 });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await context.run({})).toMatchObject({ status: 'aborted', attempts: 0 });
    expect(tool.calls).toHaveLength(1);
  });
});

describe('startTriggers', () => {
  it('starts a startup trigger once and leaves out (and reports) one that cannot start', async () => {
    const tool = recordingTool();
    const { runtime } = testRuntime(tool);
    const triggers = await startTriggers(
      [
        startup(1),
        {
          type: 'webhook',
          tool: 'job',
          path: '/hook',
          arguments: {},
          retry: { attempts: 1, backoffMs: 0 },
          maxBodyBytes: 100,
          secret: { envVar: 'UNSET_SECRET_FOR_TEST', scheme: 'github' },
        },
      ],
      runtime,
    );
    await tool.waitForCalls(1);
    expect(triggers.running.map((t) => t.id)).toEqual(['triggers[0] startup → job']);
    expect(triggers.failed).toEqual([
      {
        id: 'triggers[1] webhook /hook → job',
        error: 'env var UNSET_SECRET_FOR_TEST (webhook /hook secret) is not set',
      },
    ]);
    await triggers.stop();
    await triggers.stop();
    expect(tool.calls).toEqual([{ mode: 'boot' }]);
    expect(triggers.snapshot()['triggers[0] startup → job']).toMatchObject({ runs: 1, succeeded: 1 });
  });
});
