/**
 * What every trigger kind shares: an event becomes tool arguments (arguments.ts), the tool is called
 * through the server's own path (`runtime.callTool`: validation, metrics, error results), a failure is
 * retried per the trigger's policy with exponential backoff, and every run is logged (trigger, tool,
 * duration, outcome) and counted. Nothing here throws into the event source: a failing tool ends as a
 * 'failed' outcome, never as an exception that could stop the trigger or crash the server.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../lib/logger.js';
import { mapArguments } from './arguments.js';
import {
  type RunOutcome,
  type ToolCallResult,
  type TriggerConfig,
  TriggerConfigError,
  type TriggerContext,
  type TriggerRuntime,
  type TriggerTuning,
} from './contract.js';
import type { TriggerCounters, TriggerStats } from './stats.js';

/** Backoff doubles per attempt up to this, so a large `attempts` never waits hours. */
export const MAX_BACKOFF_MS = 60_000;

export const DEFAULT_TUNING: TriggerTuning = {
  queueLeaseMs: 30_000,
  reconnectMaxMs: 30_000,
  stopTimeoutMs: 10_000,
};

export function createTriggerContext(
  id: string,
  config: TriggerConfig,
  runtime: TriggerRuntime,
  stats: TriggerStats,
): TriggerContext {
  return new TriggerRunner(id, config, runtime, stats.entry(id));
}

/** One trigger's runs: the context its factory turns events into tool calls through. */
class TriggerRunner implements TriggerContext {
  readonly log: Logger;
  readonly tuning: TriggerTuning;
  readonly #stopping = new AbortController();
  readonly #inFlight = new Set<Promise<RunOutcome>>();

  constructor(
    readonly id: string,
    private readonly config: TriggerConfig,
    readonly runtime: TriggerRuntime,
    private readonly counters: TriggerCounters,
  ) {
    this.log = runtime.log.child({ trigger: id, tool: config.tool });
    this.tuning = { ...DEFAULT_TUNING, ...tuningFromEnv(runtime.env), ...runtime.tuning };
  }

  get signal(): AbortSignal {
    return this.#stopping.signal;
  }

  dispatch(event: unknown): { runId: string; done: Promise<RunOutcome> } {
    const runId = randomUUID();
    const done = this.#runWithRetries(runId, event);
    this.#inFlight.add(done);
    void done.finally(() => this.#inFlight.delete(done));
    return { runId, done };
  }

  run(event: unknown): Promise<RunOutcome> {
    return this.dispatch(event).done;
  }

  skipped(): void {
    this.counters.skipped++;
  }

  async drain(): Promise<void> {
    this.#stopping.abort();
    if (this.#inFlight.size === 0) return;
    await Promise.race([Promise.allSettled([...this.#inFlight]), delay(this.tuning.stopTimeoutMs)]);
    if (this.#inFlight.size > 0)
      this.log.warn('trigger stopped with runs still in flight', { inFlight: this.#inFlight.size });
  }

  connectionUrl(name: string): string {
    const connection = this.runtime.connections.find((c) => c.name === name);
    if (!connection) throw new TriggerConfigError(`connection "${name}" is not defined`);
    const url = this.runtime.env[connection.envVar]?.trim();
    if (!url) throw new TriggerConfigError(`env var ${connection.envVar} (connection "${name}") is not set`);
    return url;
  }

  async #runWithRetries(runId: string, event: unknown): Promise<RunOutcome> {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    // An event that arrives while stopping is left to its source (a queue redelivers it).
    if (this.signal.aborted) return this.#finish({ status: 'aborted', runId, attempts: 0, ms: 0 });
    this.counters.runs++;
    this.counters.lastRunAt = new Date().toISOString();
    const { attempts, backoffMs: base } = this.config.retry;
    let error = '';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (attempt > 1 && !(await this.#waitBeforeRetry(runId, attempt - 1, base, error)))
        return this.#finish({ status: 'aborted', runId, attempts: attempt - 1, ms: ms() });
      error = await this.#attempt(event);
      if (!error) return this.#finish({ status: 'succeeded', runId, attempts: attempt, ms: ms() });
    }
    return this.#finish({ status: 'failed', runId, attempts, ms: ms(), error });
  }

  /** false when the trigger is stopping (the wait was cut short). */
  async #waitBeforeRetry(runId: string, failed: number, base: number, error: string): Promise<boolean> {
    this.counters.retries++;
    const waitMs = backoffMs(base, failed);
    this.log.warn('trigger run failed, retrying', { runId, attempt: failed, waitMs, error });
    const waited = await abortableDelay(waitMs, this.signal).then(
      () => true,
      () => false,
    );
    return waited && !this.signal.aborted;
  }

  /** One tool call; '' when it succeeded, else what went wrong. */
  async #attempt(event: unknown): Promise<string> {
    try {
      const result = await this.runtime.callTool(
        this.config.tool,
        mapArguments(this.config.arguments, event),
      );
      return result.isError ? errorText(result) : '';
    } catch (thrown) {
      return thrown instanceof Error ? thrown.message : String(thrown);
    }
  }

  #finish(outcome: RunOutcome): RunOutcome {
    const { counters } = this;
    counters.totalMs += outcome.ms;
    const fields = {
      runId: outcome.runId,
      attempts: outcome.attempts,
      ms: outcome.ms,
      outcome: outcome.status,
    };
    if (outcome.status === 'succeeded') {
      counters.succeeded++;
      this.log.info('trigger run succeeded', fields);
    } else if (outcome.status === 'failed') {
      counters.failed++;
      counters.lastError = outcome.error;
      this.log.error('trigger run failed', { ...fields, error: outcome.error });
    } else {
      counters.aborted++;
      this.log.warn('trigger run aborted (stopping)', fields);
    }
    return outcome;
  }
}

const TUNING_ENV: Record<keyof TriggerTuning, string> = {
  queueLeaseMs: 'MCP_TRIGGER_QUEUE_LEASE_MS',
  reconnectMaxMs: 'MCP_TRIGGER_RECONNECT_MAX_MS',
  stopTimeoutMs: 'MCP_TRIGGER_STOP_TIMEOUT_MS',
};

/** Operators can tune without regenerating: positive integers from env, anything else ignored. */
export function tuningFromEnv(env: TriggerRuntime['env']): Partial<TriggerTuning> {
  const tuning: Partial<Record<keyof TriggerTuning, number>> = {};
  for (const [key, name] of Object.entries(TUNING_ENV) as [keyof TriggerTuning, string][]) {
    const value = Number(env[name]);
    if (Number.isInteger(value) && value > 0) tuning[key] = value;
  }
  return tuning;
}

/** Wait before attempt `attempt + 1` (attempt ≥ 1): backoffMs, 2×, 4×, … capped. */
export function backoffMs(base: number, attempt: number): number {
  return Math.min(base * 2 ** (attempt - 1), Math.max(base, MAX_BACKOFF_MS));
}

function errorText(result: ToolCallResult): string {
  const text = result.content?.find((c) => c.type === 'text')?.text;
  return text?.trim() ? text : 'the tool returned an error';
}

/** Resolves after `ms`, rejects as soon as `signal` aborts; never keeps the process alive. */
export function abortableDelay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    timer.unref();
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Wraps a stop function so calling it again returns the first call's promise (stop() is idempotent). */
export function once(fn: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => {
    result ??= fn();
    return result;
  };
}

/** A timer that never keeps the process alive. */
export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
