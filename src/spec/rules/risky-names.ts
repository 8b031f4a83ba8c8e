/** Names that pass the schema's patterns but still cause trouble: too long for clients, or reserved. */
import { isSafeName, type NameKind } from '../names.js';
import type { PathSegment } from '../path.js';
import { findings, type SpecRule } from './rule.js';

/** Many MCP clients cap tool names at 64 characters (some at 60). */
export const CLIENT_TOOL_NAME_LIMIT = 64;

export const longToolName: SpecRule = {
  name: 'long-tool-name',
  check({ spec }) {
    const report = findings('long-tool-name');
    spec.tools.forEach((tool, index) => {
      if (tool.name.length <= CLIENT_TOOL_NAME_LIMIT) return;
      report.warning(
        ['tools', index, 'name'],
        `tool name is ${tool.name.length} characters long; many MCP clients refuse names over ${CLIENT_TOOL_NAME_LIMIT}`,
        'shorten it',
      );
    });
    return report.list;
  },
};

/**
 * Names the schema's patterns allow but that would reach JavaScript object internals where the generated
 * code or the SDK uses them as keys (`constructor`, `toString`, `__proto__`, … see FORBIDDEN_KEYS).
 */
export const reservedNames: SpecRule = {
  name: 'reserved-name',
  check({ spec }) {
    const report = findings('reserved-name');
    const names: [NameKind, string, PathSegment[]][] = [
      ['server', spec.name, ['name']],
      ...spec.tools.map((t, i): [NameKind, string, PathSegment[]] => ['tool', t.name, ['tools', i, 'name']]),
      ...spec.connections.map((c, i): [NameKind, string, PathSegment[]] => [
        'connection',
        c.name,
        ['connections', i, 'name'],
      ]),
      ...spec.prompts.map((p, i): [NameKind, string, PathSegment[]] => [
        'tool',
        p.name,
        ['prompts', i, 'name'],
      ]),
    ];
    for (const [kind, name, path] of names) {
      if (isSafeName(kind, name)) continue;
      report.error(path, `\`${name}\` cannot be used as a ${kind} name`, 'pick another name');
    }
    return report.list;
  },
};
