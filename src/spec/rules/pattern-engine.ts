/**
 * Generated servers match argument patterns with RE2 (templates/server/lib/linear-pattern.ts: re2js, linear
 * time, so no argument can freeze the server). RE2 has no lookahead and no backreferences: a pattern that
 * needs them would validate here and then stop the server at start-up, so it is refused with the reason.
 * The compile call is the runtime's own, so what passes here is exactly what runs there.
 */

import type { PathSegment } from '../path.js';
import { compileLinearPattern } from '../pattern-safety.js';
import type { ParameterSpec } from '../types.js';
import { findings, type SpecRule } from './rule.js';

type Report = ReturnType<typeof findings>;

export const patternEngine: SpecRule = {
  name: 'pattern-engine',
  check({ spec }) {
    const report = findings('pattern-engine');
    spec.tools.forEach((tool, t) => {
      for (const [name, parameter] of Object.entries(tool.parameters)) {
        checkParameter(report, parameter, ['tools', t, 'parameters', name], name);
      }
    });
    return report.list;
  },
};

function checkParameter(report: Report, parameter: ParameterSpec, path: PathSegment[], name: string): void {
  const reason = parameter.pattern === undefined ? undefined : linearEngineRefusal(parameter.pattern);
  if (reason !== undefined) {
    report.error(
      [...path, 'pattern'],
      `pattern of \`${name}\` cannot run on the server's linear-time engine (RE2): ${reason}`,
      'rewrite it without lookahead (?=, ?!) or backreferences (\\1); lookbehind and everything else is supported',
    );
  }
  if (parameter.items) checkParameter(report, parameter.items, [...path, 'items'], name);
  for (const [key, property] of Object.entries(parameter.properties ?? {})) {
    checkParameter(report, property, [...path, 'properties', key], key);
  }
}

/** undefined when re2js compiles the pattern as the generated server does, else its reason. */
function linearEngineRefusal(source: string): string | undefined {
  try {
    new RegExp(source, 'u'); // an invalid ECMAScript pattern is parameter-consistency's to report
  } catch {
    return undefined;
  }
  try {
    compileLinearPattern(source);
    return undefined;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).replace(/^error parsing regexp: /, '');
  }
}
