/** Tool parameters must be self-consistent: defaults and enum values fit the type, patterns compile. */
import type { PathSegment } from '../path.js';
import { checkPattern } from '../pattern-safety.js';
import type { ParameterSpec } from '../types.js';
import { findings, type SpecRule } from './rule.js';

type Report = ReturnType<typeof findings>;

export function matchesType(value: unknown, type: ParameterSpec['type']): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

function withArticle(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describeValue(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function checkParameter(report: Report, parameter: ParameterSpec, path: PathSegment[], name: string): void {
  parameter.enum?.forEach((value, i) => {
    if (!matchesType(value, parameter.type)) {
      report.error(
        [...path, 'enum', i],
        `enum value ${describeValue(value)} of \`${name}\` is not ${withArticle(parameter.type)}`,
      );
    }
  });
  const matches = compilePattern(report, parameter, path, name);
  checkDefault(report, parameter, path, name, matches);
  checkBounds(report, parameter, path, name);
  checkIrrelevant(report, parameter, path, name);
  if (parameter.items) checkParameter(report, parameter.items, [...path, 'items'], `${name}[]`);
  for (const [key, child] of Object.entries(parameter.properties ?? {})) {
    checkParameter(report, child, [...path, 'properties', key], `${name}.${key}`);
  }
}

/** Reports a pattern that does not compile or risks catastrophic backtracking; returns a safe matcher. */
function compilePattern(report: Report, parameter: ParameterSpec, path: PathSegment[], name: string) {
  if (parameter.pattern === undefined) return undefined;
  const at = [...path, 'pattern'];
  const check = checkPattern(parameter.pattern);
  if (!check.valid) {
    report.error(at, `pattern of \`${name}\` is not a valid regular expression: ${check.reason}`);
    return undefined;
  }
  if (check.backtracking) {
    report.warning(
      at,
      `pattern of \`${name}\` nests quantifiers (like \`(a+)+\`): a short argument can make backtracking regex engines, such as many MCP clients' schema validators, take seconds or hours`,
      'match the same strings without a quantified group that itself holds a quantifier, e.g. `^(a+)+$` → `^a+$`',
    );
  }
  return check.matches;
}

function checkDefault(
  report: Report,
  parameter: ParameterSpec,
  path: PathSegment[],
  name: string,
  matches?: (value: string) => boolean,
) {
  const value = parameter.default;
  if (value === undefined) return;
  const at = [...path, 'default'];
  if (!matchesType(value, parameter.type)) {
    const hint =
      parameter.type === 'string' && typeof value !== 'object'
        ? 'put it in quotes so YAML reads it as text'
        : undefined;
    report.error(
      at,
      `default ${describeValue(value)} of \`${name}\` is not ${withArticle(parameter.type)}`,
      hint,
    );
    return;
  }
  if (parameter.enum && !parameter.enum.includes(value as string | number | boolean)) {
    report.error(
      at,
      `default ${describeValue(value)} of \`${name}\` is not one of its enum values`,
      `use one of: ${parameter.enum.map(describeValue).join(', ')}`,
    );
  }
  if (matches && typeof value === 'string' && !matches(value)) {
    report.error(at, `default ${describeValue(value)} of \`${name}\` does not match its pattern`);
  }
  if (
    typeof value === 'number' &&
    (value < (parameter.minimum ?? -Infinity) || value > (parameter.maximum ?? Infinity))
  ) {
    report.error(at, `default ${value} of \`${name}\` is outside its minimum/maximum`);
  }
  if (parameter.required) {
    report.warning(
      [...path, 'required'],
      `\`${name}\` is required but has a default, which is never used`,
      'drop `required: true` or the default',
    );
  }
}

const BOUND_PAIRS = [
  ['minimum', 'maximum'],
  ['minLength', 'maxLength'],
  ['minItems', 'maxItems'],
] as const;

function checkBounds(report: Report, parameter: ParameterSpec, path: PathSegment[], name: string) {
  for (const [low, high] of BOUND_PAIRS) {
    const min = parameter[low];
    const max = parameter[high];
    if (min !== undefined && max !== undefined && min > max) {
      report.error([...path, low], `${low} of \`${name}\` (${min}) is greater than its ${high} (${max})`);
    }
  }
}

/** Keywords that only mean something for some types; on another type they are almost always a mistake. */
const ONLY_FOR: readonly (readonly [keyof ParameterSpec, readonly string[]])[] = [
  ['format', ['string']],
  ['pattern', ['string']],
  ['minLength', ['string']],
  ['maxLength', ['string']],
  ['minimum', ['number', 'integer']],
  ['maximum', ['number', 'integer']],
  ['minItems', ['array']],
  ['maxItems', ['array']],
  ['items', ['array']],
  ['properties', ['object']],
];

function checkIrrelevant(report: Report, parameter: ParameterSpec, path: PathSegment[], name: string) {
  for (const [keyword, types] of ONLY_FOR) {
    if (parameter[keyword] === undefined || types.includes(parameter.type)) continue;
    report.warning(
      [...path, keyword],
      `\`${keyword}\` has no effect on \`${name}\`, a ${parameter.type}`,
      `it applies to ${types.join(' and ')} parameters`,
    );
  }
}

export const parameterConsistency: SpecRule = {
  name: 'parameter-consistency',
  check({ spec }) {
    const report = findings('parameter-consistency');
    spec.tools.forEach((tool, t) => {
      for (const [name, parameter] of Object.entries(tool.parameters)) {
        checkParameter(report, parameter, ['tools', t, 'parameters', name], name);
      }
    });
    return report.list;
  },
};
