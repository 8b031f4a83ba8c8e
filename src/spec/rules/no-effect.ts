/** Settings that the generated server would silently ignore are reported, so nobody relies on them. */
import { valueAt } from '../structure.js';
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

export const httpBlockOnStdio: SpecRule = {
  name: 'http-on-stdio',
  check({ spec, raw }) {
    const report = findings('http-on-stdio');
    const written = valueAt(raw, ['http']) !== undefined;
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
      if (valueAt(raw, ['triggers', index, 'group']) === undefined) return;
      report.warning(
        ['triggers', index, 'group'],
        `\`group\` has no effect on a ${trigger.kind} queue`,
        'consumer groups exist only for `kind: redis-stream`',
      );
    });
    return report.list;
  },
};
