/** Trigger argument mappings must fit the tool they call. */
import { didYouMean } from '../did-you-mean.js';
import { findings, type SpecRule } from './rule.js';

export const triggerArguments: SpecRule = {
  name: 'trigger-arguments',
  check({ spec }) {
    const report = findings('trigger-arguments');
    const tools = new Map(spec.tools.map((tool) => [tool.name, tool]));
    spec.triggers.forEach((trigger, index) => {
      const tool = tools.get(trigger.tool);
      if (!tool) return; // reported by unknown-tool
      const known = Object.keys(tool.parameters);
      for (const name of Object.keys(trigger.arguments)) {
        if (known.includes(name)) continue;
        report.error(
          ['triggers', index, 'arguments', name],
          `argument \`${name}\` is not a parameter of tool \`${tool.name}\``,
          didYouMean(name, known) ??
            (known.length > 0 ? `its parameters: ${known.join(', ')}` : 'the tool takes no parameters'),
          'key',
        );
      }
      const missing = Object.entries(tool.parameters)
        .filter(([name, p]) => p.required && p.default === undefined && !(name in trigger.arguments))
        .map(([name]) => name);
      if (missing.length > 0) {
        report.warning(
          ['triggers', index, 'arguments'],
          `the ${trigger.type} trigger never provides required parameter${missing.length > 1 ? 's' : ''} ${missing.map((m) => `\`${m}\``).join(', ')} of \`${tool.name}\`; every call would fail validation`,
          `map ${missing.length > 1 ? 'them' : 'it'} under \`arguments\`, e.g. \`${missing[0]}: { from: body.${missing[0]} }\``,
        );
      }
    });
    return report.list;
  },
};
