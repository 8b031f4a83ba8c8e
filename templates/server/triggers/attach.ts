/**
 * Starts a server's triggers once the server is up: how lib/main.ts (or a hand-written src/index.ts) wires
 * them. Webhooks share the MCP listener on the http transport (mount `router.route` in
 * `startServer({ routes })`); on stdio there is no listener, so a small one is opened for them on the
 * spec's http host/port (MCP_WEBHOOK_PORT / MCP_WEBHOOK_HOST override) before any trigger starts. Triggers
 * stop in the server's shutdown, before its pools close, so queue consumers can still acknowledge what
 * they finished; a shutdown that began while they were starting wins (nothing starts, or it stops at once).
 *
 * The webhook port on stdio: a stdio server is started by its client, often more than once at a time (two
 * apps, one copy per bridge session). When the port is only the spec's default and another copy holds it,
 * this copy takes a free port and logs its URL (webhooks are served, not dropped; senders configured for
 * the default port keep reaching the copy that holds it). When MCP_WEBHOOK_PORT names the port, the
 * operator promised senders that port: a taken one refuses the start (exit code 1), never a silent move.
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
  /** True once the server's shutdown has begun: triggers must not start then. */
  readonly closing?: boolean;
  onShutdown(hook: () => Promise<void> | void): void;
  close(): Promise<void>;
}

export interface AttachOptions {
  readonly configs: readonly TriggerConfig[];
  readonly router: WebhookRouter;
  readonly config: ServerConfig;
  readonly env: Env;
  /** Tests: tuning, scheduler. */
  readonly runtime?: Partial<Pick<TriggerRuntime, 'tuning' | 'scheduler'>> | undefined;
  /** Reject instead of logging and setting process.exitCode when the triggers cannot start (tests). */
  readonly throwOnStartupError?: boolean | undefined;
}

export interface AttachedTriggers extends RunningTriggers {
  /** stdio only, when a webhook trigger exists: where webhooks are served. */
  readonly webhookListener?: WebhookListener | undefined;
}

export async function attachTriggers(
  host: TriggerHost,
  options: AttachOptions,
): Promise<AttachedTriggers | undefined> {
  const closing = () => host.closing === true; // read again after each await: shutdown may begin meanwhile
  if (!host.started || closing() || options.configs.length === 0) return undefined;
  let webhookListener: WebhookListener | undefined;
  if (host.transport === 'stdio' && options.configs.some((config) => config.type === 'webhook')) {
    try {
      webhookListener = await openWebhookListener(host, options);
    } catch (error) {
      return refuseStart(host, options, error as Error);
    }
  }
  if (closing()) {
    await webhookListener?.close();
    return undefined;
  }
  const triggers = await startTriggers(options.configs, {
    callTool: host.callTool,
    log: host.log,
    env: options.env,
    connections: options.config.connections,
    webhooks: options.router,
    ...options.runtime,
  });
  host.metrics?.setTriggerSource(() => triggers.snapshot());
  // Runs at once when shutdown began while the triggers were starting (lib/shutdown-hooks.ts).
  host.onShutdown(async () => {
    await triggers.stop();
    await webhookListener?.close();
  });
  return { ...triggers, webhookListener };
}

/** The port MCP_WEBHOOK_PORT names, or undefined when it names none. */
function explicitWebhookPort(env: Env): number | undefined {
  const raw = env.MCP_WEBHOOK_PORT?.trim();
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`MCP_WEBHOOK_PORT must be a port number from 0 to 65535, not "${raw}"`);
  }
  return value;
}

/** See the header: the spec's default port falls back to a free one; a port the operator named does not. */
async function openWebhookListener(host: TriggerHost, options: AttachOptions): Promise<WebhookListener> {
  const named = explicitWebhookPort(options.env);
  const address = {
    host: options.env.MCP_WEBHOOK_HOST?.trim() || options.config.http.host,
    port: named ?? options.config.http.port,
    onError: (error: Error) => host.log.error('webhook request failed', { error: error.message }),
  };
  // The same Host/Origin guard as the MCP listener, on the default port and on a fallback one alike.
  const guard = requestGuard({ config: options.config, env: options.env, host: address.host });
  try {
    const listener = await listenWebhooks(options.router, { ...address, guard });
    host.log.info('webhooks listening', { url: listener.url });
    return listener;
  } catch (error) {
    if (named !== undefined || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
      throw new Error(
        `webhooks cannot listen on ${address.host}:${address.port}: ${(error as Error).message}`,
      );
    }
    const listener = await listenWebhooks(options.router, { ...address, port: 0, guard });
    const why = `webhook port ${address.port} is in use (another copy of this server?)`;
    host.log.warn(`${why}: webhooks listen on a free port; set MCP_WEBHOOK_PORT to choose one`, {
      url: listener.url,
    });
    return listener;
  }
}

async function refuseStart(host: TriggerHost, options: AttachOptions, error: Error): Promise<undefined> {
  const message = `cannot start: ${error.message} (set MCP_WEBHOOK_PORT to a free port, or 0 for any free port)`;
  await host.close();
  if (options.throwOnStartupError) throw new Error(message);
  host.log.error(message);
  process.exitCode = 1;
  return undefined;
}
