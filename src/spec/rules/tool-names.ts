/** Tool names that are valid MCP but that many clients refuse. */
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
