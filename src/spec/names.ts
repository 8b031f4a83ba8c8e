/**
 * The patterns that decide which names are safe. A name that passes here is safe to use as a file name,
 * a Docker image tag component, an npm package name (servers), an env var (envVar) or an object key and SQL
 * bind name (parameters). Every place that turns a spec name into a path, tag or identifier relies on this
 * table, and `assertSafeName` re-checks at the point of use.
 */
import { FactoryError } from '../errors.js';

export const NAME_PATTERNS = {
  server: {
    regex: /^[a-z0-9]+(?:[._-][a-z0-9]+)*$/,
    maxLength: 64,
    message:
      'must be lowercase letters and digits, separated by single ".", "_" or "-" (it becomes a package name, folder and image tag)',
  },
  tool: {
    regex: /^[A-Za-z0-9_.-]+$/,
    maxLength: 128,
    message: 'must use only letters, digits, "_", "." and "-" (MCP tool name rules)',
  },
  parameter: {
    regex: /^[A-Za-z_][A-Za-z0-9_]*$/,
    maxLength: 64,
    message: 'must start with a letter or "_" and use only letters, digits and "_"',
  },
  connection: {
    regex: /^[A-Za-z_][A-Za-z0-9_-]*$/,
    maxLength: 64,
    message: 'must start with a letter or "_" and use only letters, digits, "_" and "-"',
  },
  envVar: {
    regex: /^[A-Z_][A-Z0-9_]*$/,
    maxLength: 128,
    message:
      'must be an environment variable name: uppercase letters, digits and "_", not starting with a digit',
  },
} as const;

export type NameKind = keyof typeof NAME_PATTERNS;

/**
 * Keys and names that would reach JavaScript object internals: every member of Object.prototype
 * (`__proto__`, `constructor`, `toString`, `valueOf`, `hasOwnProperty`, …) plus `prototype`. A parameter
 * named `valueOf` makes zod see the inherited function on every call that omits it, and a tool named
 * `toString` collides with the SDK's plain-object tool table — both found by the hostile-spec fuzz.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  'prototype',
]);

export function isSafeName(kind: NameKind, value: string): boolean {
  const { regex, maxLength } = NAME_PATTERNS[kind];
  return value.length > 0 && value.length <= maxLength && regex.test(value) && !FORBIDDEN_KEYS.has(value);
}

/** Defence in depth at the point of use (paths, tags, file names): a spec that was validated always passes. */
export function assertSafeName(kind: NameKind, value: string): string {
  if (!isSafeName(kind, value)) {
    throw new FactoryError(
      'SPEC_INVALID',
      `unsafe ${kind} name ${JSON.stringify(value)}: ${NAME_PATTERNS[kind].message}`,
    );
  }
  return value;
}

/**
 * C0 controls (tab included), DEL, and the characters some parsers take as line ends: what no one-line value
 * may hold (rules/control-characters.ts) and what generated line-based files never write raw.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const CONTROL_CHARACTER = /[\0-\x1f\x7f\u0085\u2028\u2029]/;
