/**
 * Starts a server's triggers once the server is up: how lib/main.ts (or a hand-written src/index.ts) wires
 * them. Webhooks share the MCP listener on the http transport (mount `router.route` in
 * `startServer({ routes })`); on stdio there is no listener, so a small one is opened for them on the
 * spec's http host/port (MCP_WEBHOOK_PORT / MCP_WEBHOOK_HOST override). Triggers stop in the server's
 * shutdown, before its pools close, so queue consumers can still acknowledge what they finished.
 *
 *   const router = createWebhookRouter();
 *   const server = await startServer(definition, { routes: [router.route] });
 *   await attachTriggers(server, { configs: triggers, router, config: definition.config, env: process.env });
 */
import type { Env } from '../lib/connections.js';
import type { ServerConfig, Transport } from '../lib/contract.js';
import type { Logger } from '../lib/logger.js';
import { requestGuard } from '../lib/request-guard.js';
import type { CallTool, TriggerConfig, TriggerRuntime } from './contract.js';
import { type RunningTriggers, startTriggers } from './index.js';
import { listenWebhooks, type WebhookListener, type WebhookRouter } from './webhook/router.js';

/** The part of lib/main.ts's RunningServer that triggers use. */
export interface TriggerHost {
  readonly transport: Transport;
  readonly started: boolean;
  readonly log: Logger;
  readonly callTool: CallTool;
  /** Where trigger runs are counted for `/metrics` (a RunningServer's Metrics). */
  readonly metrics?: { setTriggerSource(read: () => Record<string, unknown>): void };
  onShutdown(hook: () => Promise<void> | void): void;
}

export interface AttachOptions {
  readonly configs: readonly TriggerConfig[];
  readonly router: WebhookRouter;
  readonly config: ServerConfig;
  readonly env: Env;
  /** Tests: tuning, scheduler. */
  readonly runtime?: Partial<Pick<TriggerRuntime, 'tuning' | 'scheduler'>> | undefined;
}

export interface AttachedTriggers extends RunningTriggers {
  /** stdio only, when a webhook trigger exists: where webhooks are served. */
  readonly webhookListener?: WebhookListener | undefined;
}

export async function attachTriggers(
  host: TriggerHost,
  options: AttachOptions,
): Promise<AttachedTriggers | undefined> {
  if (!host.started || options.configs.length === 0) return undefined;
  const triggers = await startTriggers(options.configs, {
    callTool: host.callTool,
    log: host.log,
    env: options.env,
    connections: options.config.connections,
    webhooks: options.router,
    ...options.runtime,
  });
  host.metrics?.setTriggerSource(() => triggers.snapshot());
  let webhookListener: WebhookListener | undefined;
  if (host.transport === 'stdio' && options.router.size > 0) {
    webhookListener = await openWebhookListener(host, options);
  }
  host.onShutdown(async () => {
    await triggers.stop();
    await webhookListener?.close();
  });
  return { ...triggers, webhookListener };
}

function webhookPort(env: Env, fallback: number): number {
  const value = Number(env.MCP_WEBHOOK_PORT);
  return env.MCP_WEBHOOK_PORT !== undefined && Number.isInteger(value) && value >= 0 && value <= 65535
    ? value
    : fallback;
}

/**
 * A port that is taken must not take the MCP server down with it (stdio still works, and so do the other
 * triggers): the webhooks are then not served, and the log says why and how to move them.
 */
async function openWebhookListener(
  host: TriggerHost,
  options: AttachOptions,
): Promise<WebhookListener | undefined> {
  const address = {
    host: options.env.MCP_WEBHOOK_HOST?.trim() || options.config.http.host,
    port: webhookPort(options.env, options.config.http.port),
  };
  try {
    const listener = await listenWebhooks(options.router, {
      ...address,
      guard: requestGuard({ config: options.config, env: options.env, host: address.host }),
      onError: (error) => host.log.error('webhook request failed', { error: error.message }),
    });
    host.log.info('webhooks listening', { url: listener.url });
    return listener;
  } catch (error) {
    host.log.error('webhooks not served: cannot listen (set MCP_WEBHOOK_PORT / MCP_WEBHOOK_HOST)', {
      ...address,
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}
