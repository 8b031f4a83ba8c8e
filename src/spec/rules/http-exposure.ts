/** HTTP-facing settings: webhook paths must not shadow the server's own routes; open listeners need auth. */
import { findings, type SpecRule } from './rule.js';

/** Routes every generated HTTP server answers before any webhook (templates/server/lib/http-server.ts). */
export const RESERVED_PATHS = ['/mcp', '/healthz', '/metrics', '/.well-known'] as const;

export const reservedWebhookPath: SpecRule = {
  name: 'reserved-webhook-path',
  check({ spec }) {
    const report = findings('reserved-webhook-path');
    spec.triggers.forEach((trigger, index) => {
      if (trigger.type !== 'webhook') return;
      const path = trigger.path.replace(/\/+$/, '') || '/';
      const reserved = RESERVED_PATHS.find((r) => path === r || path.startsWith(`${r}/`));
      if (path === '/' || reserved) {
        report.error(
          ['triggers', index, 'path'],
          `webhook path ${path} is taken by the server itself (${reserved ?? 'the root'})`,
          `use a path of its own, e.g. /hooks${path === '/' ? '/event' : path}`,
        );
      }
    });
    return report.list;
  },
};

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export const openListenerWithoutAuth: SpecRule = {
  name: 'open-without-auth',
  check({ spec }) {
    const report = findings('open-without-auth');
    if (spec.transport !== 'http' || spec.auth.type !== 'none' || LOOPBACK.has(spec.http.host))
      return report.list;
    report.warning(
      ['http', 'host'],
      `the server listens on ${spec.http.host} without auth: anyone who can reach it can call every tool`,
      'add `auth` (api_key, bearer or oauth2), or listen on 127.0.0.1',
    );
    return report.list;
  },
};
