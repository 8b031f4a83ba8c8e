/**
 * The webhook paths of one server. `router.route` has the shape of lib/http-server.ts's `HttpRoute`
 * (pass it in `startServer({ routes })`) so webhooks share the MCP listener; a stdio server has no
 * listener, so `listenWebhooks` opens a small one on the spec's http host/port for them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RequestGuard } from '../../lib/request-guard.js';
import type { WebhookHandler, WebhookMount } from '../contract.js';

export interface WebhookRouter extends WebhookMount {
  /** Answers a request for a mounted path (true) or leaves it to the next route (false). */
  route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean>;
  readonly size: number;
}

export function createWebhookRouter(): WebhookRouter {
  const handlers = new Map<string, WebhookHandler>();
  return {
    add(path, handler) {
      const key = normalize(path);
      if (handlers.has(key)) throw new Error(`webhook path ${key} is mounted twice`);
      handlers.set(key, handler);
      return () => {
        if (handlers.get(key) === handler) handlers.delete(key);
      };
    },
    async route(req, res, url) {
      const handler = handlers.get(normalize(url.pathname));
      if (!handler) return false;
      await handler(req, res, url);
      return true;
    },
    get size() {
      return handlers.size;
    },
  };
}

function normalize(path: string): string {
  return path.replace(/\/+$/, '') || '/';
}

export interface WebhookListener {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/**
 * A bare node:http listener serving only the router's paths (404 elsewhere), behind the same request guard
 * as the MCP listener (lib/request-guard.ts) when one is given.
 */
export async function listenWebhooks(
  router: WebhookRouter,
  options: { host: string; port: number; guard?: RequestGuard; onError?: (error: Error) => void },
): Promise<WebhookListener> {
  const server = createServer((req, res) => {
    const rejected = options.guard?.(req);
    if (rejected) return reply(res, rejected.status, { error: rejected.message });
    const url = new URL(req.url ?? '/', 'http://localhost');
    router
      .route(req, res, url)
      .then((handled) => {
        if (!handled) reply(res, 404, { error: 'not found' });
      })
      .catch((error: unknown) => {
        options.onError?.(error instanceof Error ? error : new Error(String(error)));
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    port,
    url: `http://${host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
