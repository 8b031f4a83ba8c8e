/** Settings that the generated server would silently ignore are reported, so nobody relies on them. */
import { valueAt } from '../structure.js';
import type { ServerSpec } from '../types.js';
import { findings, type SpecRule } from './rule.js';

export const authTransport: SpecRule = {
  name: 'auth-transport',
  check({ spec }) {
    const report = findings('auth-transport');
    if (spec.transport !== 'stdio' || spec.auth.type === 'none') return report.list;
    if (spec.auth.type === 'oauth2') {
      report.error(
        ['auth', 'type'],
        'oauth2 needs the http transport: an OAuth resource server validates bearer tokens on HTTP requests',
        'set `transport: http`, or remove `auth` for a local stdio server',
      );
    } else {
      report.warning(
        ['auth'],
        `auth \`${spec.auth.type}\` has no effect on the stdio transport (the client starts the server itself)`,
        'set `transport: http` to require it, or remove `auth`',
      );
    }
    return report.list;
  },
};

function isDefaultHttp(http: ServerSpec['http']): boolean {
  return (
    http.host === '127.0.0.1' &&
    http.port === 3000 &&
    http.allowedHosts.length === 0 &&
    http.allowedOrigins.length === 0
  );
}

export const httpBlockOnStdio: SpecRule = {
  name: 'http-on-stdio',
  check({ spec, raw }) {
    const report = findings('http-on-stdio');
    // A block equal to the defaults changes nothing (normalized specs written back always carry one).
    const written = valueAt(raw, ['http']) !== undefined && !isDefaultHttp(spec.http);
    const webhooks = spec.triggers.some((trigger) => trigger.type === 'webhook');
    if (spec.transport === 'stdio' && written && !webhooks) {
      report.warning(
        ['http'],
        '`http` has no effect: the transport is stdio and there are no webhook triggers',
        'set `transport: http`, or remove the `http` block',
      );
    }
    return report.list;
  },
};

export const paginationWithoutList: SpecRule = {
  name: 'pagination-without-list',
  check({ spec }) {
    const report = findings('pagination-without-list');
    spec.tools.forEach((tool, index) => {
      if (!tool.pagination) return;
      const path = ['tools', index, 'pagination'];
      const type = tool.returns?.type;
      const types = Array.isArray(type) ? type : type === undefined ? [] : [type];
      if (tool.returns && !types.includes('array')) {
        report.warning(
          path,
          `pagination has no effect: tool \`${tool.name}\` does not return an array`,
          'set `returns: { type: array, items: … }`, or remove `pagination`',
        );
      }
      const implementation = tool.implementation;
      if (implementation.type === 'sql' && implementation.result !== 'rows') {
        report.warning(
          path,
          `pagination has no effect: the SQL result is \`${implementation.result}\`, not \`rows\``,
        );
      }
    });
    return report.list;
  },
};

export const queueGroupWithoutStream: SpecRule = {
  name: 'queue-group-without-stream',
  check({ spec, raw }) {
    const report = findings('queue-group-without-stream');
    spec.triggers.forEach((trigger, index) => {
      if (trigger.type !== 'queue' || trigger.kind === 'redis-stream') return;
      // The default (the server name) is what normalization writes: only a group chosen by hand is reported.
      if (trigger.group === spec.name || valueAt(raw, ['triggers', index, 'group']) === undefined) return;
      report.warning(
        ['triggers', index, 'group'],
        `\`group\` has no effect on a ${trigger.kind} queue`,
        'consumer groups exist only for `kind: redis-stream`',
      );
    });
    return report.list;
  },
};

export const contradictoryAnnotations: SpecRule = {
  name: 'contradictory-annotations',
  check({ spec }) {
    const report = findings('contradictory-annotations');
    spec.tools.forEach((tool, index) => {
      if (!tool.annotations.readOnly || !tool.annotations.destructive) return;
      report.warning(
        ['tools', index, 'annotations'],
        `tool \`${tool.name}\` is marked both readOnly and destructive; clients ignore destructive on read-only tools`,
        'set `readOnly: false` if the tool changes anything',
      );
    });
    return report.list;
  },
};

export const pageLargerThanMaxRows: SpecRule = {
  name: 'page-larger-than-max-rows',
  check({ spec }) {
    const report = findings('page-larger-than-max-rows');
    spec.tools.forEach((tool, index) => {
      const connection = spec.connections.find((c) => c.name === tool.connection);
      if (!tool.pagination || tool.implementation.type !== 'sql' || !connection || !('maxRows' in connection))
        return;
      // The runtime caps a paged query at maxRows + 1 (the extra row tells whether a next page exists).
      if (tool.pagination.maxPageSize <= connection.maxRows) return;
      report.warning(
        ['tools', index, 'pagination'],
        `pages of \`${tool.name}\` can reach ${tool.pagination.maxPageSize} rows, but connection \`${connection.name}\` returns at most ${connection.maxRows}`,
        `raise \`maxRows\` on \`${connection.name}\` to ${tool.pagination.maxPageSize}, or lower \`maxPageSize\``,
      );
    });
    return report.list;
  },
};
