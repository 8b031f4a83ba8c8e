/**
 * What every trigger kind shares: an event becomes tool arguments (arguments.ts), the tool is called
 * through the server's own path (`runtime.callTool`: validation, metrics, error results), a failure is
 * retried per the trigger's policy with exponential backoff, and every run is logged (trigger, tool,
 * duration, outcome) and counted. Nothing here throws into the event source: a failing tool ends as a
 * 'failed' outcome, never as an exception that could stop the trigger or crash the server.
 */
import { randomUUID } from 'node:crypto';
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
import type { TriggerStats } from './stats.js';

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
  const log = runtime.log.child({ trigger: id, tool: config.tool });
  const tuning = { ...DEFAULT_TUNING, ...tuningFromEnv(runtime.env), ...runtime.tuning };
  const stopping = new AbortController();
  const inFlight = new Set<Promise<RunOutcome>>();
  const sleep = runtime.sleep ?? abortableDelay;
  const counters = stats.entry(id);

  const dispatch = (event: unknown) => {
    const runId = randomUUID();
    const done = runWithRetries(runId, event);
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
    return { runId, done };
  };

  const runWithRetries = async (runId: string, event: unknown): Promise<RunOutcome> => {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    // An event that arrives while stopping is left to its source (a queue redelivers it).
    if (stopping.signal.aborted) return finish({ status: 'aborted', runId, attempts: 0, ms: 0 });
    counters.runs++;
    counters.lastRunAt = new Date().toISOString();
    let error = '';
    let attempt = 0;
    while (attempt < config.retry.attempts) {
      if (attempt > 0) {
        counters.retries++;
        const waitMs = backoffMs(config.retry.backoffMs, attempt);
        log.warn('trigger run failed, retrying', { runId, attempt, waitMs, error });
        const waited = await sleep(waitMs, stopping.signal).then(
          () => true,
          () => false,
        );
        if (!waited || stopping.signal.aborted)
          return finish({ status: 'aborted', runId, attempts: attempt, ms: elapsed() });
      }
      attempt++;
      error = await attemptOnce(event);
      if (!error) return finish({ status: 'succeeded', runId, attempts: attempt, ms: elapsed() });
    }
    return finish({ status: 'failed', runId, attempts: attempt, ms: elapsed(), error });
  };

  /** One tool call; '' when it succeeded, else what went wrong. */
  const attemptOnce = async (event: unknown): Promise<string> => {
    try {
      const result = await runtime.callTool(config.tool, mapArguments(config.arguments, event));
      return result.isError ? errorText(result) : '';
    } catch (thrown) {
      return thrown instanceof Error ? thrown.message : String(thrown);
    }
  };

  const finish = (outcome: RunOutcome): RunOutcome => {
    counters.totalMs += outcome.ms;
    const fields = {
      runId: outcome.runId,
      attempts: outcome.attempts,
      ms: outcome.ms,
      outcome: outcome.status,
    };
    if (outcome.status === 'succeeded') {
      counters.succeeded++;
      log.info('trigger run succeeded', fields);
    } else if (outcome.status === 'failed') {
      counters.failed++;
      counters.lastError = outcome.error;
      log.error('trigger run failed', { ...fields, error: outcome.error });
    } else {
      counters.aborted++;
      log.warn('trigger run aborted (stopping)', fields);
    }
    return outcome;
  };

  return {
    id,
    log,
    runtime,
    tuning,
    signal: stopping.signal,
    dispatch,
    run: (event) => dispatch(event).done,
    skipped: () => {
      counters.skipped++;
    },
    drain: async () => {
      stopping.abort();
      if (inFlight.size === 0) return;
      const timer = abortableDelay(tuning.stopTimeoutMs, new AbortController().signal);
      await Promise.race([Promise.allSettled([...inFlight]), timer]);
      if (inFlight.size > 0)
        log.warn('trigger stopped with runs still in flight', { inFlight: inFlight.size });
    },
    connectionUrl: (name) => connectionUrl(runtime, name),
  };
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

function connectionUrl(runtime: TriggerRuntime, name: string): string {
  const connection = runtime.connections.find((c) => c.name === name);
  if (!connection) throw new TriggerConfigError(`connection "${name}" is not defined`);
  const url = runtime.env[connection.envVar]?.trim();
  if (!url) throw new TriggerConfigError(`env var ${connection.envVar} (connection "${name}") is not set`);
  return url;
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
