/**
 * The Streamable HTTP listener: `/mcp` serves both protocol eras through the SDK's `createMcpHandler`
 * (2026-07-28 stateless requests and `server/discover`, plus the 2025-11-25 `initialize` handshake via its
 * stateless legacy fallback), behind inbound auth. Every route — `/mcp`, `/healthz`, `/readyz`, `/metrics`, the
 * RFC 9728 document and webhooks — is behind the request guard (request-guard.ts: path-only targets,
 * Host/Origin against DNS rebinding). `/healthz`, `/readyz` (its errors are redacted) and the RFC 9728 document
 * need no credentials (monitors and OAuth clients read them); `/metrics` needs
 * `Authorization: Bearer $MCP_METRICS_TOKEN` when that is set.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createMcpHandler, type McpServerFactory } from '@modelcontextprotocol/server';
import { type AuthGate, protectedResourceMetadata } from './auth.js';
import type { AuthConfig, ServerConfig } from './contract.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { metricsAccess } from './metrics-access.js';
import type { ReadinessReport } from './readiness.js';
import { headerValue, isWildcardBind, type RequestGuard, requestGuard } from './request-guard.js';

export const MCP_PATH = '/mcp';
export const METADATA_PATH = '/.well-known/oauth-protected-resource';
const STREAM_GRACE_MS = 250;

/** An extra route (e.g. a webhook trigger); returns true when it answered the request. */
export type HttpRoute = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

export interface HttpListenerOptions {
  readonly config: ServerConfig;
  readonly factory: McpServerFactory;
  readonly auth: AuthGate;
  readonly metrics: Metrics;
  readonly toolCount: number;
  readonly log: Logger;
  readonly host: string;
  readonly port: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly routes?: readonly HttpRoute[] | undefined;
  /** Probes every connection for `/readyz` (readiness.ts); without it the server has nothing to wait for. */
  readonly readiness?: (() => Promise<ReadinessReport>) | undefined;
}

export interface HttpListener {
  /** e.g. http://127.0.0.1:3000/mcp */
  readonly url: string;
  readonly port: number;
  /** Mounts an extra route (webhook) on the running listener; returns a function that removes it. */
  addRoute(route: HttpRoute): () => void;
  /** Stops accepting, lets in-flight requests finish for up to `timeoutMs`, then drops the rest. */
  close(timeoutMs: number): Promise<void>;
}

export async function startHttpListener(options: HttpListenerOptions): Promise<HttpListener> {
  const handler = createMcpHandler(options.factory, {
    onerror: (error) => options.log.warn('mcp request rejected', { error: error.message }),
  });
  const serveMcp = toNodeHandler(handler, {
    onerror: (error) => options.log.error('mcp handler failed', { error: error.message }),
  });
  const guard = requestGuard(options);
  const metricsAllowed = metricsAccess(options.env);
  const routes: HttpRoute[] = [...(options.routes ?? [])];
  let inFlight = 0;
  const server = createServer((req, res) => {
    inFlight++;
    const started = performance.now();
    res.on('close', () => {
      inFlight--;
      options.log.debug('http request', {
        method: req.method,
        path: req.url?.split('?')[0],
        status: res.statusCode,
        ms: Math.round(performance.now() - started),
      });
    });
    route(req, res, options, { guard, metricsAllowed, routes, serveMcp }).catch((error: unknown) => {
      options.log.error('http request failed', {
        error: error instanceof Error ? error.message : String(error),
      });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
  const port = await listen(server, options.host, options.port);
  const url = `http://${formatHost(options.host)}:${port}${MCP_PATH}`;
  return {
    url,
    port,
    addRoute: (extra) => {
      routes.push(extra);
      return () => {
        const index = routes.indexOf(extra);
        if (index >= 0) routes.splice(index, 1);
      };
    },
    close: async (timeoutMs) => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Wait for every request, except that long-lived streams (subscriptions) must not hold shutdown up:
      // once no tool call is running, ordinary requests get a short grace period, not the whole timeout.
      const started = Date.now();
      const settled = () =>
        inFlight === 0 || (options.metrics.inFlight === 0 && Date.now() - started >= STREAM_GRACE_MS);
      while (!settled() && Date.now() - started < timeoutMs) await delay(20);
      server.closeAllConnections();
      await handler.close();
      await closed;
    },
  };
}

interface Routing {
  readonly guard: RequestGuard;
  readonly metricsAllowed: (req: IncomingMessage) => boolean;
  readonly routes: readonly HttpRoute[];
  readonly serveMcp: ReturnType<typeof toNodeHandler>;
}

/**
 * The guard first, for every route; then the routes without inbound auth (health, metrics, RFC 9728), then
 * extra routes (webhooks bring their own signature checks), then `/mcp` behind inbound auth.
 */
async function route(
  req: IncomingMessage,
  res: ServerResponse,
  options: HttpListenerOptions,
  { guard, metricsAllowed, routes, serveMcp }: Routing,
): Promise<void> {
  const rejected = guard(req);
  if (rejected) return sendJsonRpcError(res, rejected.status, rejected.message);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) return sendHealth(res, options);
  if (path === '/readyz' && (req.method === 'GET' || req.method === 'HEAD'))
    return sendReadiness(res, options);
  if (path === '/metrics' && req.method === 'GET') return sendMetrics(req, res, options, metricsAllowed);
  if (path === METADATA_PATH || path === `${METADATA_PATH}${MCP_PATH}`)
    return sendMetadata(res, options.config);
  for (const extra of [...routes]) if (await extra(req, res, url)) return;
  if (path !== MCP_PATH) return sendJson(res, 404, { error: 'not found' });
  const outcome = await options.auth.check({
    header: (name) => headerValue(req, name),
    resourceMetadataUrl: `${publicBase(req, options.env)}${METADATA_PATH}${MCP_PATH}`,
  });
  if (!outcome.ok) return sendJson(res, outcome.status, outcome.body, outcome.headers);
  if (outcome.authInfo) Object.assign(req, { auth: outcome.authInfo });
  await serveMcp(req, res);
}

/** How clients reach us: MCP_PUBLIC_URL behind a proxy, else the Host they used. */
function publicBase(req: IncomingMessage, env: Readonly<Record<string, string | undefined>>): string {
  const configured = env.MCP_PUBLIC_URL?.trim();
  if (configured && URL.canParse(configured)) return new URL(configured).origin;
  return `http://${headerValue(req, 'host') ?? 'localhost'}`;
}

function sendHealth(res: ServerResponse, options: HttpListenerOptions): void {
  sendJson(res, 200, {
    status: 'ok',
    name: options.config.name,
    version: options.config.version,
    tools: options.toolCount,
    uptimeSeconds: options.metrics.uptimeSeconds(),
  });
}

function sendMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  options: HttpListenerOptions,
  allowed: (req: IncomingMessage) => boolean,
): void {
  if (allowed(req)) sendJson(res, 200, options.metrics.snapshot(options.config));
  else
    sendJson(
      res,
      401,
      { error: 'unauthorized: /metrics needs the MCP_METRICS_TOKEN bearer token' },
      {
        'www-authenticate': 'Bearer realm="metrics"',
      },
    );
}

/** 200 when every connection answered its probe, 503 with the per-connection report otherwise. */
async function sendReadiness(res: ServerResponse, options: HttpListenerOptions): Promise<void> {
  const report: ReadinessReport = options.readiness
    ? await options.readiness()
    : { status: 'ready', connections: [] };
  sendJson(res, report.status === 'ready' ? 200 : 503, report);
}

function sendMetadata(res: ServerResponse, config: ServerConfig): void {
  const auth: AuthConfig = config.auth;
  if (auth.type === 'oauth2') {
    sendJson(res, 200, protectedResourceMetadata(auth, config.name), { 'access-control-allow-origin': '*' });
  } else {
    sendJson(res, 404, { error: 'not found' });
  }
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(text);
}

function sendJsonRpcError(res: ServerResponse, status: number, message: string): void {
  sendJson(res, status, { jsonrpc: '2.0', error: { code: -32000, message }, id: null });
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function formatHost(host: string): string {
  if (isWildcardBind(host)) return '127.0.0.1';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
