/**
 * LISTEN/NOTIFY against a real PostgreSQL (MCP_TEST_POSTGRES_URL), including the listener's connection
 * being killed from another session (pg_terminate_backend): it must come back and get the next NOTIFY.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseTriggerConfig } from '../contract.js';
import { startTriggers } from '../index.js';
import { failing, ok, recordingTool, testRuntime, uniqueName } from '../testing/recording-tool.js';
import { parsePayload } from './index.js';

const URL = process.env.MCP_TEST_POSTGRES_URL;
if (!URL) console.warn('database trigger tests skipped: set MCP_TEST_POSTGRES_URL');

describe('parsePayload', () => {
  it.each([
    ['{"id":1}', { id: 1 }],
    ['42', 42],
    ['not json', 'not json'],
    ['', null],
  ])('%j → %j', (payload, want) => {
    expect(parsePayload(payload)).toEqual(want);
  });
});

describe.skipIf(!URL)('database trigger (PostgreSQL LISTEN)', () => {
  const admin = new pg.Client({ connectionString: URL });
  beforeAll(() => admin.connect());
  afterAll(() => admin.end());

  const config = (): DatabaseTriggerConfig => ({
    type: 'database',
    tool: 'on_change',
    connection: 'db',
    channel: uniqueName('mcp_trg'),
    arguments: { id: { from: 'payload.id' }, payload: { from: 'payload' }, channel: { from: 'channel' } },
    retry: { attempts: 2, backoffMs: 20 },
  });
  const start = (cfg: DatabaseTriggerConfig, tool = recordingTool()) => {
    const { runtime, logs } = testRuntime(tool, {
      env: { DATABASE_URL: URL },
      connections: [
        {
          name: 'db',
          type: 'postgresql',
          envVar: 'DATABASE_URL',
          readOnly: false,
          maxRows: 10,
          poolSize: 1,
          init: [],
        },
      ],
      tuning: { reconnectMaxMs: 1_000, stopTimeoutMs: 2_000 },
    });
    return { tool, logs, triggers: startTriggers([cfg], runtime) };
  };
  const notify = (channel: string, payload: string) =>
    admin.query('SELECT pg_notify($1, $2)', [channel, payload]);
  const listenerPids = async (channel: string): Promise<number[]> => {
    const { rows } = await admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE query = $1 AND pid <> pg_backend_pid()',
      [`LISTEN "${channel}"`],
    );
    return rows.map((r) => r.pid);
  };

  it('runs the tool with each NOTIFY payload (JSON-parsed when it parses)', async () => {
    const cfg = config();
    const { tool, triggers } = start(cfg);
    const running = await triggers;
    expect(running.failed).toEqual([]);
    await notify(cfg.channel, JSON.stringify({ id: 7, op: 'insert' }));
    await notify(cfg.channel, 'plain');
    await tool.waitForCalls(2);
    await running.stop();
    expect(tool.calls).toEqual([
      { id: 7, payload: { id: 7, op: 'insert' }, channel: cfg.channel },
      { payload: 'plain', channel: cfg.channel },
    ]);
    expect(await listenerPids(cfg.channel)).toEqual([]);
  });

  it('a failing tool is retried and never stops the listener', async () => {
    const cfg = config();
    const tool = recordingTool((args) => (args.id === 1 ? failing('nope') : ok(args, 0)));
    const { triggers } = start(cfg, tool);
    const running = await triggers;
    await notify(cfg.channel, '{"id":1}');
    await tool.waitForCalls(2);
    await notify(cfg.channel, '{"id":2}');
    await tool.waitForCalls(3);
    await running.stop();
    expect(tool.calls.map((c) => c.id)).toEqual([1, 1, 2]);
    expect(running.snapshot()[running.running[0]!.id]).toMatchObject({ runs: 2, failed: 1, succeeded: 1 });
  });

  it('comes back after its connection is terminated and receives the next NOTIFY', async () => {
    const cfg = config();
    const { tool, triggers, logs } = start(cfg);
    const running = await triggers;
    const [before] = await listenerPids(cfg.channel);
    expect(before).toBeTypeOf('number');
    await admin.query('SELECT pg_terminate_backend($1)', [before]);
    let after: number | undefined;
    const deadline = Date.now() + 10_000;
    while (!after && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      after = (await listenerPids(cfg.channel)).find((pid) => pid !== before);
    }
    expect(after).toBeTypeOf('number');
    await notify(cfg.channel, '{"id":99}');
    expect((await tool.waitForCalls(1)).map((c) => c.id)).toEqual([99]);
    expect(logs.some((l) => String(l.msg).startsWith('database connection lost'))).toBe(true);
    await running.stop();
    expect(await listenerPids(cfg.channel)).toEqual([]);
  });

  it('reports a connection whose env var is unset as a trigger that did not start', async () => {
    const tool = recordingTool();
    const { runtime } = testRuntime(tool, {
      connections: [
        {
          name: 'db',
          type: 'postgresql',
          envVar: 'UNSET_DB_URL',
          readOnly: false,
          maxRows: 1,
          poolSize: 1,
          init: [],
        },
      ],
    });
    const running = await startTriggers([config()], runtime);
    expect(running.failed[0]?.error).toBe('env var UNSET_DB_URL (connection "db") is not set');
  });
});
