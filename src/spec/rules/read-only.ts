/** A tool that writes through a read-only connection would fail on every call. */
import { sqlFirstKeyword } from '../sql.js';
import { findings, type SpecRule } from './rule.js';

/** Statements that read; anything else is refused by a read-only transaction. */
const READING = new Set(['SELECT', 'WITH', 'SHOW', 'EXPLAIN', 'VALUES', 'DESCRIBE', 'PRAGMA']);

export const writeThroughReadOnly: SpecRule = {
  name: 'write-through-read-only',
  check({ spec }) {
    const report = findings('write-through-read-only');
    const readOnly = new Set(
      spec.connections.filter((c) => 'readOnly' in c && c.readOnly).map((c) => c.name),
    );
    spec.tools.forEach((tool, index) => {
      if (tool.connection === undefined || !readOnly.has(tool.connection)) return;
      const implementation = tool.implementation;
      const writes =
        (implementation.type === 'sql' && !READING.has(sqlFirstKeyword(implementation.statement))) ||
        (implementation.type === 'file' && ['write', 'delete'].includes(implementation.operation));
      if (!writes) return;
      report.error(
        ['tools', index, 'implementation'],
        `tool \`${tool.name}\` writes, but connection \`${tool.connection}\` is read-only`,
        `set \`readOnly: false\` on \`${tool.connection}\`, or use another connection for writes`,
      );
    });
    return report.list;
  },
};
