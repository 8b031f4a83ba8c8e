/**
 * What every HTTP request must pass before any route sees it — on the MCP listener and on the stdio
 * server's webhook listener alike: an origin-form request target (a path, not `http://other.host/…`), a
 * Host header naming this server (DNS rebinding), and no foreign browser Origin.
 */
import type { IncomingMessage } from 'node:http';
import {
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  validateHostHeader,
  validateOriginHeader,
} from '@modelcontextprotocol/server';
import type { ServerConfig } from './contract.js';

export interface GuardRejection {
  readonly status: number;
  readonly message: string;
}

/** undefined when the request may go on, else the status and why not (safe to send back). */
export type RequestGuard = (req: IncomingMessage) => GuardRejection | undefined;

export interface GuardOptions {
  readonly config: Pick<ServerConfig, 'http'>;
  /** The address the listener is bound to (its name is an allowed Host unless it is a wildcard). */
  readonly host: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Host and Origin checks: localhost names plus the configured (and env-supplied) extras; `*` allows any. */
export function requestGuard(options: GuardOptions): RequestGuard {
  const hosts = [
    ...localhostAllowedHostnames(),
    ...[...options.config.http.allowedHosts, ...listFromEnv(options.env.MCP_ALLOWED_HOSTS)].map(hostnameOf),
  ];
  if (!isWildcardBind(options.host)) hosts.push(hostnameOf(options.host));
  const origins = [
    ...localhostAllowedOrigins(),
    ...[...options.config.http.allowedOrigins, ...listFromEnv(options.env.MCP_ALLOWED_ORIGINS)].map(
      hostnameOf,
    ),
  ];
  return (req) => {
    // node:http hands an absolute-form target (`POST http://evil.example/mcp`) through as req.url; only a
    // proxy may be sent one (RFC 9112 §3.2.2), and the SDK's handler fails on it with a 500.
    if (!req.url?.startsWith('/'))
      return { status: 400, message: 'Bad Request: the request target must be a path' };
    if (!hosts.includes('*')) {
      const host = validateHostHeader(headerValue(req, 'host'), hosts);
      if (!host.ok) return { status: 403, message: `Forbidden: ${host.message}` };
    }
    if (!origins.includes('*')) {
      const origin = validateOriginHeader(headerValue(req, 'origin'), origins);
      if (!origin.ok) return { status: 403, message: `Forbidden: ${origin.message}` };
    }
    return undefined;
  };
}

/** `https://app.example.com:8443` or `app.example.com:8443` → `app.example.com` (checks are port-agnostic). */
export function hostnameOf(entry: string): string {
  const trimmed = entry.trim();
  if (trimmed === '*') return trimmed;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  try {
    return new URL(withScheme).hostname.toLowerCase();
  } catch {
    return trimmed.toLowerCase();
  }
}

function listFromEnv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
}

export function isWildcardBind(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
