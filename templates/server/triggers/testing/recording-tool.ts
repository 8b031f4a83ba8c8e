/**
 * Test support (not copied into generated servers): a tool whose behaviour a test scripts, recording every
 * call, and a TriggerRuntime around it that captures log lines.
 */

import { createLogger } from '../../lib/logger.js';
import type { ToolCallResult, TriggerRuntime } from '../contract.js';
import { createWebhookRouter, type WebhookRouter } from '../webhook/router.js';

export type Behaviour = (
  args: Record<string, unknown>,
  call: number,
) => ToolCallResult | Promise<ToolCallResult>;

export const ok: Behaviour = () => ({ content: [{ type: 'text', text: 'ok' }] });

export interface RecordingTool {
  readonly calls: Record<string, unknown>[];
  callTool: TriggerRuntime['callTool'];
  /** Resolves once the tool has been called `count` times; rejects after `timeoutMs`. */
  waitForCalls(count: number, timeoutMs?: number): Promise<Record<string, unknown>[]>;
}

export function recordingTool(behaviour: Behaviour = ok): RecordingTool {
  const calls: Record<string, unknown>[] = [];
  const waiters: Array<() => void> = [];
  return {
    calls,
    callTool: async (_name, args) => {
      calls.push(args);
      for (const wake of waiters.splice(0)) wake();
      return behaviour(args, calls.length);
    },
    waitForCalls: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} tool calls within ${timeoutMs} ms, got ${calls.length}`)),
          timeoutMs,
        );
        const check = () => {
          if (calls.length >= count) {
            clearTimeout(timer);
            resolve(calls);
          } else waiters.push(check);
        };
        check();
      }),
  };
}

export interface TestRuntime {
  readonly runtime: TriggerRuntime;
  readonly router: WebhookRouter;
  readonly logs: Record<string, unknown>[];
}

export function testRuntime(tool: RecordingTool, overrides: Partial<TriggerRuntime> = {}): TestRuntime {
  const logs: Record<string, unknown>[] = [];
  const router = createWebhookRouter();
  const log = createLogger({ level: 'debug', sink: { write: (line) => logs.push(JSON.parse(line)) } });
  const runtime: TriggerRuntime = {
    callTool: tool.callTool,
    log,
    env: {},
    connections: [],
    webhooks: router,
    tuning: { stopTimeoutMs: 2_000 },
    ...overrides,
  };
  return { runtime, router, logs };
}

export const failing = (message: string): ToolCallResult => ({
  isError: true,
  content: [{ type: 'text', text: message }],
});

/** Unique names per test run, so parallel runs by others never share a queue, stream or channel. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
}
