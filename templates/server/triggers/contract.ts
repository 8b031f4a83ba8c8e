/**
 * Triggers: events that call a tool. This folder is copied verbatim into every generated server as
 * `src/triggers/`; the generator emits the trigger configs below as plain data (they mirror the factory's
 * normalized spec, `TriggerSpec` in src/spec/types.ts) and `startTriggers(configs, runtime)` (index.ts)
 * starts one running trigger per config.
 *
 * Every kind is a folder with the same shape: `<kind>/index.ts` exports `start: TriggerFactory<Config>`.
 * The factory turns its event source into calls of `context.dispatch(event)` / `context.run(event)`; the
 * common behaviour (argument mapping, the tool call, retries, logging, counting) is in run.ts, once.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Env } from '../lib/connections.js';
import type { ConnectionConfig } from '../lib/contract.js';
import type { Logger } from '../lib/logger.js';
import type { Scheduler } from './cron/scheduler.js';

// --- Configuration (data emitted from the spec) -----------------------------------------------------------

/** Where one tool argument comes from: a dot path into the event (with a fallback), or a constant. */
export type ArgumentSource =
  | { readonly from: string; readonly default?: JsonValue | undefined }
  | { readonly value: JsonValue };

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface RetryPolicy {
  /** Total attempts, the first included (1 = no retry). */
  readonly attempts: number;
  /** Wait before the 2nd attempt; doubled for each later one (capped at MAX_BACKOFF_MS). */
  readonly backoffMs: number;
}

interface TriggerBase {
  readonly tool: string;
  readonly description?: string | undefined;
  readonly arguments: Readonly<Record<string, ArgumentSource>>;
  readonly retry: RetryPolicy;
}

export interface WebhookTriggerConfig extends TriggerBase {
  readonly type: 'webhook';
  readonly path: string;
  readonly secret?: { readonly envVar: string; readonly scheme: 'github' | 'standard' } | undefined;
  readonly maxBodyBytes: number;
}

export interface CronTriggerConfig extends TriggerBase {
  readonly type: 'cron';
  readonly schedule: string;
  readonly timezone: string;
  readonly overlap: boolean;
}

export type FileEventName = 'add' | 'change' | 'unlink';

export interface FileTriggerConfig extends TriggerBase {
  readonly type: 'file';
  readonly paths: readonly string[];
  readonly events: readonly FileEventName[];
  readonly debounceMs: number;
}

export type QueueKind = 'redis-list' | 'redis-stream' | 'rabbitmq';

export interface QueueTriggerConfig extends TriggerBase {
  readonly type: 'queue';
  readonly kind: QueueKind;
  readonly connection: string;
  readonly queue: string;
  /** Consumer group (redis-stream); the normalized spec defaults it to the server name. */
  readonly group: string;
  /** Where messages go once every attempt failed; the normalized spec defaults it to `<queue>.dead`. */
  readonly deadLetter: string;
}

export interface DatabaseTriggerConfig extends TriggerBase {
  readonly type: 'database';
  readonly connection: string;
  readonly channel: string;
}

export interface StartupTriggerConfig extends TriggerBase {
  readonly type: 'startup';
}

export type TriggerConfig =
  | WebhookTriggerConfig
  | CronTriggerConfig
  | FileTriggerConfig
  | QueueTriggerConfig
  | DatabaseTriggerConfig
  | StartupTriggerConfig;

export type TriggerType = TriggerConfig['type'];

// --- Events (what `arguments[*].from` paths read) ---------------------------------------------------------

export interface WebhookEvent {
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string>>;
  readonly path: string;
}
export interface CronEvent {
  readonly scheduledAt: string;
  readonly firedAt: string;
}
export interface FileEvent {
  readonly path: string;
  readonly event: FileEventName;
}
export interface QueueEvent {
  readonly message: unknown;
  readonly id: string;
  readonly queue: string;
}
export interface DatabaseEvent {
  readonly channel: string;
  readonly payload: unknown;
}
export interface StartupEvent {
  readonly startedAt: string;
}

// --- Runtime ------------------------------------------------------------------------------------------------

/** The subset of an MCP CallToolResult that triggers look at. */
export interface ToolCallResult {
  readonly isError?: boolean | undefined;
  readonly content?: ReadonlyArray<{ readonly type: string; readonly text?: string }> | undefined;
  readonly structuredContent?: unknown;
}

/** The server's own tool execution path (`RunningServer.callTool`): validation, metrics, error results. */
export type CallTool = (
  name: string,
  args: Record<string, unknown>,
  signal?: AbortSignal,
) => Promise<ToolCallResult>;

/** How a POST to a webhook path is answered (node:http, as lib/http-server.ts routes requests). */
export type WebhookHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

/** Where webhook triggers mount their handler: the server's HTTP listener or a standalone one. */
export interface WebhookMount {
  /** Returns a function that unmounts it. Throws when the path is taken. */
  add(path: string, handler: WebhookHandler): () => void;
}

/** Tuning that is not part of the spec: env MCP_TRIGGER_* (run.ts) or the runtime (tests) override it. */
export interface TriggerTuning {
  /** A queue message held this long by a consumer that stopped renewing it is redelivered (default 30 s). */
  readonly queueLeaseMs: number;
  /** Longest wait between reconnect attempts of queue and database listeners (default 30 s). */
  readonly reconnectMaxMs: number;
  /** How long stop() waits for runs in flight (default 10 s). */
  readonly stopTimeoutMs: number;
}

export interface TriggerRuntime {
  readonly callTool: CallTool;
  readonly log: Logger;
  readonly env: Env;
  readonly connections: readonly ConnectionConfig[];
  readonly webhooks: WebhookMount;
  readonly tuning?: Partial<TriggerTuning> | undefined;
  /** Cron scheduling (tests inject a manual one); defaults to croner. */
  readonly scheduler?: Scheduler | undefined;
}

export type RunOutcome =
  | { readonly status: 'succeeded'; readonly runId: string; readonly attempts: number; readonly ms: number }
  | {
      readonly status: 'failed';
      readonly runId: string;
      readonly attempts: number;
      readonly ms: number;
      readonly error: string;
    }
  /** Stopped before it finished (server shutting down): not a failure, the source may redeliver. */
  | { readonly status: 'aborted'; readonly runId: string; readonly attempts: number; readonly ms: number };

/** What a factory gets for one trigger: the shared runner bound to it, plus the server's runtime. */
export interface TriggerContext {
  /** e.g. `triggers[2] queue orders → record_order`, in every log line of this trigger. */
  readonly id: string;
  readonly log: Logger;
  readonly runtime: TriggerRuntime;
  readonly tuning: TriggerTuning;
  /** Starts a run now and returns its id at once (webhooks answer with it before the tool is done). */
  dispatch(event: unknown): { readonly runId: string; readonly done: Promise<RunOutcome> };
  /** Starts a run and waits for its outcome (after every retry). Never rejects. */
  run(event: unknown): Promise<RunOutcome>;
  /** Counts an event that was deliberately not run (e.g. a cron tick during a run, overlap off). */
  skipped(): void;
  /** Aborted when the trigger stops (cancels retry waits). */
  readonly signal: AbortSignal;
  /**
   * Ends the trigger's runs: aborts retry waits (those runs end 'aborted') and waits for tool calls in
   * progress, up to `tuning.stopTimeoutMs`. A factory's stop() calls it after its source stopped and before
   * it closes the connection it acknowledges on.
   */
  drain(): Promise<void>;
  /** Resolves the URL of a named queue/database connection from its env var; throws TriggerConfigError. */
  connectionUrl(name: string): string;
}

export interface RunningTrigger {
  readonly id: string;
  /** Stops the event source, waits (bounded) for runs in flight, closes what it opened. Idempotent. */
  stop(): Promise<void>;
}

export type TriggerFactory<C extends TriggerConfig> = (
  config: C,
  context: TriggerContext,
) => Promise<RunningTrigger>;

/** A trigger that cannot start because of its configuration or environment (message says what to fix). */
export class TriggerConfigError extends Error {
  override readonly name = 'TriggerConfigError';
}
