/**
 * HTTP implementations: path placeholders and query/body lists must name the tool's parameters, in a way
 * the runtime (templates/server/lib/http-call.ts) can send.
 */
import { didYouMean } from '../did-you-mean.js';
import { pathPlaceholders } from '../normalize.js';
import type { PathSegment } from '../path.js';
import { valueAt } from '../structure.js';
import type { HttpImplementationSpec, ToolSpec } from '../types.js';
import { findings, type SpecRule } from './rule.js';

type Report = ReturnType<typeof findings>;

function checkPath(report: Report, tool: ToolSpec, path: string, at: PathSegment[]): void {
  const known = Object.keys(tool.parameters);
  for (const name of pathPlaceholders(path)) {
    const parameter = tool.parameters[name];
    if (!parameter) {
      report.error(
        [...at, 'path'],
        `the path of \`${tool.name}\` uses \`{${name}}\`, which is not a parameter of the tool`,
        didYouMean(name, known) ?? `add \`${name}\` under \`parameters\``,
      );
    } else if (!parameter.required && parameter.default === undefined) {
      report.warning(
        ['tools', at[1]!, 'parameters', name],
        `\`${name}\` is in the path of \`${tool.name}\` but optional: a call without it has no URL to go to`,
        'add `required: true` (or a default)',
      );
    }
  }
}

function checkLists(
  report: Report,
  tool: ToolSpec,
  implementation: HttpImplementationSpec,
  at: PathSegment[],
  raw: unknown,
) {
  const known = Object.keys(tool.parameters);
  for (const list of ['query', 'body'] as const) {
    if (!Array.isArray(valueAt(raw, [...at, list]))) continue; // derived lists only name known parameters
    implementation[list].forEach((name, i) => {
      if (known.includes(name)) return;
      report.error(
        [...at, list, i],
        `\`${list}\` of \`${tool.name}\` lists \`${name}\`, which is not a parameter of the tool`,
        didYouMean(name, known),
      );
    });
  }
  for (const name of implementation.query.filter((n) => implementation.body.includes(n))) {
    report.warning(
      [...at, 'body'],
      `\`${name}\` is sent both in the query string and in the body of \`${tool.name}\``,
    );
  }
  if (implementation.method === 'GET' && implementation.body.length > 0) {
    report.error(
      [...at, 'body'],
      `\`${tool.name}\` is a GET request, which cannot carry a body`,
      'send those parameters in `query`, or use POST',
    );
  }
}

export const httpParameters: SpecRule = {
  name: 'http-parameters',
  check({ spec, raw }) {
    const report = findings('http-parameters');
    spec.tools.forEach((tool, index) => {
      const implementation = tool.implementation;
      if (implementation.type !== 'http') return;
      const at = ['tools', index, 'implementation'];
      checkPath(report, tool, implementation.path, at);
      checkLists(report, tool, implementation, at, raw);
    });
    return report.list;
  },
};
