/**
 * The trigger runtime of a generated server. `startTriggers` starts one running trigger per config, each
 * through the factory its kind registers in TRIGGERS (adding a kind = a folder + one line here).
 *
 *   const router = createWebhookRouter();
 *   const server = await startServer(definition, { routes: [router.route] });
 *   const triggers = await startTriggers(configs, { callTool: server.callTool, log: server.log, env,
 *                                                   connections: config.connections, webhooks: router });
 *   server.onShutdown(() => triggers.stop());
 *
 * A trigger that cannot start (missing env var, bad schedule) is logged and left out; the server and the
 * other triggers keep running, and `failed` lists it.
 */
import type {
  RunningTrigger,
  TriggerConfig,
  TriggerContext,
  TriggerFactory,
  TriggerRuntime,
  TriggerType,
} from './contract.js';
import { start as startCron } from './cron/index.js';
import { start as startDatabase } from './database/index.js';
import { start as startFile } from './file/index.js';
import { start as startQueue } from './queue/index.js';
import { createTriggerContext } from './run.js';
import { start as startStartup } from './startup/index.js';
import { type TriggerCounters, TriggerStats } from './stats.js';
import { start as startWebhook } from './webhook/index.js';

export type { TriggerConfig, TriggerRuntime } from './contract.js';
export { createWebhookRouter, listenWebhooks, type WebhookRouter } from './webhook/router.js';

export const TRIGGERS: { readonly [K in TriggerType]: TriggerFactory<Extract<TriggerConfig, { type: K }>> } =
  {
    webhook: startWebhook,
    cron: startCron,
    file: startFile,
    queue: startQueue,
    database: startDatabase,
    startup: startStartup,
  };

export interface RunningTriggers {
  readonly running: readonly RunningTrigger[];
  readonly failed: readonly { readonly id: string; readonly error: string }[];
  readonly stats: TriggerStats;
  snapshot(): Record<string, TriggerCounters>;
  /** Stops every trigger (in parallel); idempotent. */
  stop(): Promise<void>;
}

export async function startTriggers(
  configs: readonly TriggerConfig[],
  runtime: TriggerRuntime,
  stats: TriggerStats = new TriggerStats(),
): Promise<RunningTriggers> {
  const running: RunningTrigger[] = [];
  const failed: { id: string; error: string }[] = [];
  for (const [index, config] of configs.entries()) {
    const context = createTriggerContext(triggerId(index, config), config, runtime, stats);
    try {
      running.push(await startOne(config, context));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      context.log.error('trigger not started', { error: message });
      failed.push({ id: context.id, error: message });
    }
  }
  let stopping: Promise<void> | undefined;
  return {
    running,
    failed,
    stats,
    snapshot: () => stats.snapshot(),
    stop: () => {
      stopping ??= Promise.allSettled(running.map((t) => t.stop())).then(() => undefined);
      return stopping;
    },
  };
}

/** The one place the kind picks its factory (a typed lookup, not a switch). */
function startOne(config: TriggerConfig, context: TriggerContext): Promise<RunningTrigger> {
  const factory = TRIGGERS[config.type] as TriggerFactory<TriggerConfig>;
  return factory(config, context);
}

const LABELS: { readonly [K in TriggerType]: (config: Extract<TriggerConfig, { type: K }>) => string } = {
  webhook: (c) => c.path,
  cron: (c) => c.schedule,
  file: (c) => c.paths.join(','),
  queue: (c) => c.queue,
  database: (c) => c.channel,
  startup: () => '',
};

/** `triggers[2] queue orders → record_order`: the spec path plus what a reader needs to recognise it. */
export function triggerId(index: number, config: TriggerConfig): string {
  const label = (LABELS[config.type] as (c: TriggerConfig) => string)(config);
  return `triggers[${index}] ${config.type}${label ? ` ${label}` : ''} → ${config.tool}`;
}
