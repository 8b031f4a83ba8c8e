/**
 * Step 1 of parsing: check the shape with the zod schema and turn its issues into findings that say what is
 * wrong in the spec's own words (unknown key with a did-you-mean, unknown type, missing key, …).
 */
import type { z } from 'zod';
import { allowedKeysAt } from './allowed-keys.js';
import { type Finding, shorten } from './diagnostics.js';
import { didYouMean } from './did-you-mean.js';
import type { PathSegment, SpecPath } from './path.js';
import { type SpecInput, SpecSchema, type ServerSpec as StructuredSpec } from './schema.js';

type Issue = z.core.$ZodIssue;

export interface StructureResult {
  readonly spec: StructuredSpec | undefined;
  readonly findings: Finding[];
  /**
   * When unknown keys were the only problem: the spec without them. Unknown keys have no effect, so the
   * semantic rules can still run on this and report everything in one pass.
   */
  readonly withoutUnknownKeys?: StructuredSpec | undefined;
}

export function checkStructure(input: unknown): StructureResult {
  const result = SpecSchema.safeParse(input);
  if (result.success) return { spec: result.data, findings: [] };
  const issues = result.error.issues;
  const findings = dedupe(issues.flatMap((issue) => issueFindings(issue, [], input)));
  if (!issues.every((issue) => issue.code === 'unrecognized_keys')) return { spec: undefined, findings };
  const retry = SpecSchema.safeParse(dropKeys(input, issues));
  return { spec: undefined, findings, withoutUnknownKeys: retry.success ? retry.data : undefined };
}

/** A copy of the input without the keys of `unrecognized_keys` issues. */
function dropKeys(input: unknown, issues: readonly Issue[]): unknown {
  const copy = structuredClone(input);
  for (const issue of issues) {
    const target = valueAt(copy, issue.path as PathSegment[]);
    if (issue.code !== 'unrecognized_keys' || typeof target !== 'object' || target === null) continue;
    for (const key of issue.keys) delete (target as Record<string, unknown>)[key];
  }
  return copy;
}

/** The raw input as typed by the schema, for rules that must know what the author actually wrote. */
export type RawSpec = SpecInput;

export function valueAt(input: unknown, path: SpecPath): unknown {
  let value = input;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}

function issueFindings(issue: Issue, prefix: SpecPath, input: unknown): Finding[] {
  const path = [...prefix, ...(issue.path as PathSegment[])];
  switch (issue.code) {
    case 'unrecognized_keys':
      return unknownKeys(input, path, issue.keys);
    case 'invalid_union':
      return unionFindings(issue, path, input);
    case 'invalid_value':
      return [invalidValue(issue.values, path, input)];
    case 'invalid_type':
      return [invalidType(issue.expected, path, input)];
    default:
      return [error(path, describe(path, issue.message))];
  }
}

function error(path: SpecPath, message: string, hint?: string, at?: 'key'): Finding {
  return { severity: 'error', rule: 'structure', path, message, hint, at };
}

/**
 * One finding per unknown key of the mapping at `path`. What is allowed and present there is worked out once
 * for all of them: thousands of unknown keys must cost thousands of steps, not millions.
 */
function unknownKeys(input: unknown, path: SpecPath, keys: readonly string[]): Finding[] {
  const present = new Set(Object.keys((valueAt(input, path) as object | undefined) ?? {}));
  const allowed = allowedKeysAt(input, path);
  const missing = allowed.filter((k) => !present.has(k));
  const listed = missing.length > 0 ? `allowed here: ${missing.join(', ')}` : undefined;
  return keys.map((key) => {
    const hint = didYouMean(key, missing) ?? listed;
    return error([...path, key], `unknown key \`${shorten(key)}\``, hint, 'key');
  });
}

function unionFindings(issue: Extract<Issue, { code: 'invalid_union' }>, path: SpecPath, input: unknown) {
  // A discriminated union whose `type` matches no member: zod reports the options, not the members' issues.
  if (issue.errors.length === 0) {
    const options = (issue as { options?: unknown[] }).options?.map(String) ?? [];
    return [invalidValue(options, path, input, 'type')];
  }
  // Not a discriminated union: report the member that came closest (fewest issues).
  const best = [...issue.errors].sort((a, b) => a.length - b.length)[0] ?? [];
  return best.flatMap((inner) => issueFindings(inner, path, input));
}

function invalidValue(options: readonly unknown[], path: SpecPath, input: unknown, what = 'value'): Finding {
  const value = valueAt(input, path);
  const list = options.map((o) => `\`${String(o)}\``).join(', ');
  if (value === undefined) return error(path, `missing \`${String(path.at(-1))}\`: one of ${list}`);
  const hint = typeof value === 'string' ? didYouMean(value, options.map(String)) : undefined;
  const label = typeof value === 'string' ? `\`${value}\`` : JSON.stringify(value);
  const noun =
    path.at(-1) === 'type' ? `unknown ${kindOf(path)} type ${label}` : `${what} ${label} is not allowed`;
  return error(path, `${noun}; expected one of ${list}`, hint);
}

/** "parameter", "implementation", "trigger", … from the path, for messages. */
function kindOf(path: SpecPath): string {
  const names: Record<string, string> = {
    parameters: 'parameter',
    properties: 'parameter',
    items: 'parameter',
    implementation: 'implementation',
    triggers: 'trigger',
    connections: 'connection',
    auth: 'auth',
  };
  for (let i = path.length - 2; i >= 0; i--) {
    const name = names[String(path[i])];
    if (name) return name;
  }
  return '';
}

function invalidType(expected: string, path: SpecPath, input: unknown): Finding {
  const value = valueAt(input, path);
  if (value === undefined) return error(path, `missing required key \`${String(path.at(-1))}\``);
  const got = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value;
  const hint =
    expected === 'string' && (typeof value === 'number' || typeof value === 'boolean')
      ? 'put it in quotes so YAML reads it as text (YAML turns 1.0 into the number 1)'
      : undefined;
  return error(path, `${String(path.at(-1) ?? 'the spec')} must be ${article(expected)}, not ${got}`, hint);
}

function article(expected: string): string {
  const words: Record<string, string> = { record: 'a mapping', object: 'a mapping', array: 'a list' };
  return words[expected] ?? (/^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`);
}

function describe(path: SpecPath, message: string): string {
  const last = path.at(-1);
  const subject = typeof last === 'string' ? `\`${last}\`` : last === undefined ? 'the spec' : `item ${last}`;
  return /^must /.test(message) ? `${subject} ${message}` : `${subject}: ${message}`;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.path.join('\0')}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
