/** A file implementation reads its path (and, to write, its content) from tool parameters that must exist. */
import { findings, type SpecRule } from './rule.js';

export const fileParameters: SpecRule = {
  name: 'file-parameters',
  check({ spec }) {
    const report = findings('file-parameters');
    spec.tools.forEach((tool, index) => {
      const implementation = tool.implementation;
      if (implementation.type !== 'file') return;
      const at = ['tools', index, 'implementation'];
      const needed: [string, string][] = [['pathParameter', implementation.pathParameter]];
      if (implementation.operation === 'write')
        needed.push(['contentParameter', implementation.contentParameter]);
      for (const [key, name] of needed) {
        const parameter = tool.parameters[name];
        if (!parameter) {
          report.error(
            [...at, key],
            `file ${implementation.operation} of \`${tool.name}\` reads \`${name}\` (${key}), which is not a parameter of the tool`,
            `add \`${name}: { type: string, required: true }\` under \`parameters\``,
          );
        } else if (parameter.type !== 'string') {
          report.error(
            ['tools', index, 'parameters', name, 'type'],
            `\`${name}\` is the ${key} of \`${tool.name}\` and must be a string, not ${parameter.type}`,
          );
        }
      }
    });
    return report.list;
  },
};
