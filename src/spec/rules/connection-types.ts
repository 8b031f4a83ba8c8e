/**
 * Each implementation and trigger kind works with certain connection types only; the ones that need a
 * connection must name one.
 */
import type { ConnectionSpec } from '../types.js';
import { findings, type SpecRule } from './rule.js';

type ConnectionType = ConnectionSpec['type'];

/** Connection types each implementation needs; absent = no connection needed (handler). */
export const IMPLEMENTATION_CONNECTIONS: Readonly<Record<string, readonly ConnectionType[]>> = {
  sql: ['postgresql', 'mysql', 'sqlite'],
  http: ['http'],
  graphql: ['graphql'],
  file: ['filesystem'],
};

export const QUEUE_CONNECTIONS: Readonly<Record<string, readonly ConnectionType[]>> = {
  'redis-list': ['redis'],
  'redis-stream': ['redis'],
  rabbitmq: ['rabbitmq'],
};

function connectionTypes(spec: { connections: readonly ConnectionSpec[] }) {
  return new Map(spec.connections.map((c) => [c.name, c.type]));
}

export const implementationConnection: SpecRule = {
  name: 'implementation-connection',
  check({ spec }) {
    const report = findings('implementation-connection');
    const types = connectionTypes(spec);
    spec.tools.forEach((tool, index) => {
      const wanted = IMPLEMENTATION_CONNECTIONS[tool.implementation.type];
      if (!wanted) return;
      const kind = `${tool.implementation.type} implementation`;
      if (tool.connection === undefined) {
        const candidates = spec.connections.filter((c) => wanted.includes(c.type)).map((c) => c.name);
        report.error(
          ['tools', index, 'implementation', 'type'],
          `tool \`${tool.name}\` has a ${kind} but no \`connection\``,
          candidates.length > 0
            ? `add \`connection: ${candidates[0]}\` to the tool`
            : `define a ${wanted.join(' or ')} connection and name it in the tool's \`connection\``,
        );
        return;
      }
      const type = types.get(tool.connection);
      if (type !== undefined && !wanted.includes(type)) {
        report.error(
          ['tools', index, 'connection'],
          `tool \`${tool.name}\` has a ${kind}, but connection \`${tool.connection}\` is ${type}`,
          `a ${kind} needs a ${wanted.join(' or ')} connection`,
        );
      }
    });
    return report.list;
  },
};

export const triggerConnection: SpecRule = {
  name: 'trigger-connection',
  check({ spec }) {
    const report = findings('trigger-connection');
    const types = connectionTypes(spec);
    spec.triggers.forEach((trigger, index) => {
      if (trigger.type !== 'queue' && trigger.type !== 'database') return;
      const wanted: readonly ConnectionType[] =
        trigger.type === 'queue' ? (QUEUE_CONNECTIONS[trigger.kind] ?? []) : ['postgresql'];
      const type = types.get(trigger.connection);
      if (type === undefined || wanted.includes(type)) return;
      const what =
        trigger.type === 'queue' ? `a ${trigger.kind} queue trigger` : 'a database trigger (LISTEN/NOTIFY)';
      report.error(
        ['triggers', index, 'connection'],
        `${what} needs a ${wanted.join(' or ')} connection, but \`${trigger.connection}\` is ${type}`,
      );
    });
    return report.list;
  },
};
