/**
 * Who may read `/metrics`. Its counters name every tool and how often it runs, so an operator who exposes
 * the server beyond localhost can require a token: with `MCP_METRICS_TOKEN` set (comma-separated for
 * rotation), a request must send `Authorization: Bearer <token>`; without it, `/metrics` is as open as
 * `/healthz` (the request guard still checks Host and Origin).
 */
import type { IncomingMessage } from 'node:http';
import { digest, matchesAny } from './auth.js';

export const METRICS_TOKEN_ENV = 'MCP_METRICS_TOKEN';

export function metricsAccess(
  env: Readonly<Record<string, string | undefined>>,
): (req: IncomingMessage) => boolean {
  const tokens = (env[METRICS_TOKEN_ENV] ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
    .map(digest);
  if (tokens.length === 0) return () => true;
  return (req) => {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return match?.[1] !== undefined && matchesAny(match[1], tokens);
  };
}
