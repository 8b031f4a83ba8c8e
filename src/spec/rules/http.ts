/** HTTP implementations: path placeholders and query/body lists must name the tool's parameters. */
import { didYouMean } from '../did-you-mean.js';
import { pathPlaceholders } from '../normalize.js';
import { valueAt } from '../structure.js';
import { findings, type SpecRule } from './rule.js';

export const httpParameters: SpecRule = {
  name: 'http-parameters',
  check({ spec, raw }) {
    const report = findings('http-parameters');
    spec.tools.forEach((tool, index) => {
      const implementation = tool.implementation;
      if (implementation.type !== 'http') return;
      const at = ['tools', index, 'implementation'];
      const known = Object.keys(tool.parameters);
      for (const name of pathPlaceholders(implementation.path)) {
        if (known.includes(name)) continue;
        report.error(
          [...at, 'path'],
          `the path of \`${tool.name}\` uses \`{${name}}\`, which is not a parameter of the tool`,
          didYouMean(name, known) ?? `add \`${name}\` under \`parameters\``,
        );
      }
      for (const list of ['query', 'body'] as const) {
        const written = valueAt(raw, [...at, list]);
        if (!Array.isArray(written)) continue;
        implementation[list].forEach((name, i) => {
          if (!known.includes(name)) {
            report.error(
              [...at, list, i],
              `\`${list}\` of \`${tool.name}\` lists \`${name}\`, which is not a parameter of the tool`,
              didYouMean(name, known),
            );
          }
        });
      }
      for (const name of implementation.query.filter((n) => implementation.body.includes(n))) {
        report.warning(
          [...at, 'body'],
          `\`${name}\` is sent both in the query string and in the body of \`${tool.name}\``,
        );
      }
    });
    return report.list;
  },
};
