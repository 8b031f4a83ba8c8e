/**
 * The source text as a YAML document: syntax errors, duplicate keys and forbidden keys are found here on the
 * AST, before anything is turned into a JS object, and every path can be mapped back to a line and column.
 * JSON is read by the same parser (JSON is YAML's flow style), so positions work for both.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument, visit } from 'yaml';
import type { Finding } from './diagnostics.js';
import { parseCleanJson } from './json-fast-path.js';
import { FORBIDDEN_KEYS } from './names.js';
import type { PathSegment, SpecPath } from './path.js';
import { parseCleanYaml } from './yaml-fast-path.js';

type YamlDocument = ReturnType<typeof parseDocument>;

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface SpecSource {
  readonly text: string;
  /** Problems found while reading the text (syntax, duplicate and forbidden keys). */
  readonly findings: Finding[];
  /** True when the text cannot be turned into a value at all (empty, syntax error, not a mapping). */
  readonly unusable: boolean;
  /** The document as plain JS (forbidden keys removed); undefined when unusable. */
  readonly value: unknown;
  locate(path: SpecPath, at?: 'key' | 'value'): Position;
}

const START: Position = { line: 1, column: 1 };

/** Clean JSON or YAML takes a fast path; the positioned YAML document is only built if a position is asked for. */
export function readSource(text: string): SpecSource {
  const json = parseCleanJson(text) ?? parseCleanYaml(text);
  if (!json) return readYamlOrReport(text);
  let yaml: SpecSource | undefined;
  return {
    text,
    findings: [],
    unusable: false,
    value: json,
    locate: (path, at) => {
      yaml ??= readYamlSource(text);
      return yaml.locate(path, at);
    },
  };
}

/** Pathological nesting overflows the YAML library's recursion: report it rather than crash. */
function readYamlOrReport(text: string): SpecSource {
  try {
    return readYamlSource(text);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const finding: Finding = {
      severity: 'error',
      rule: 'too-deep',
      path: [],
      message: `the spec is nested more than ${MAX_DEPTH} levels deep`,
    };
    return { text, findings: [finding], unusable: true, value: undefined, locate: () => START };
  }
}

function readYamlSource(text: string): SpecSource {
  const lineCounter = new LineCounter();
  // logLevel error: the library must not print its warnings to the console (errors are still collected).
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    logLevel: 'error',
  });
  const findings: Finding[] = [];
  const fatal = syntaxFindings(document, text, findings);
  findings.push(...removeForbiddenKeys(document));
  const shape = shapeFinding(text, document);
  if (shape) findings.push(shape);
  const value = fatal || shape ? undefined : toValue(document, findings);
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return {
    text,
    findings,
    unusable: value === undefined,
    value,
    locate: (path, at = 'value') => locateNode(document, path, at, position),
  };
}

/** Deeper than any real spec; also keeps every recursive walk far from the stack limit. */
export const MAX_DEPTH = 64;

/** The document as JS, or undefined (with a finding) when aliases explode or nesting is absurdly deep. */
function toValue(document: YamlDocument, findings: Finding[]): unknown {
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: 100 });
  } catch (error) {
    findings.push({
      severity: 'error',
      rule: 'yaml-aliases',
      path: [],
      message: `the YAML cannot be expanded: ${(error as Error).message}`,
      hint: 'use fewer `*alias` references',
    });
    return undefined;
  }
  if (depthOf(value) > MAX_DEPTH) {
    findings.push({
      severity: 'error',
      rule: 'too-deep',
      path: [],
      message: `the spec is nested more than ${MAX_DEPTH} levels deep`,
    });
    return undefined;
  }
  return value;
}

/** Nesting depth of a JS value, without recursion (so absurd input cannot overflow the stack). */
export function depthOf(root: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_DEPTH) return deepest;
    for (const child of Object.values(value)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** Adds YAML errors to `findings`; returns true when one of them makes the document unusable. */
function syntaxFindings(document: YamlDocument, text: string, findings: Finding[]): boolean {
  let fatal = false;
  for (const error of document.errors) {
    if (error.code === 'DUPLICATE_KEY') {
      const keyPath = pathOfKeyAt(document, error.pos[0]);
      const key = keyPath?.at(-1) ?? text.slice(error.pos[0], error.pos[1]);
      findings.push({
        severity: 'error',
        rule: 'duplicate-key',
        path: keyPath ?? [],
        offset: error.pos[0],
        message: `duplicate key \`${String(key)}\`: it is already defined in the same mapping`,
        hint: 'remove one of them (YAML keeps only the last, which hides the first)',
      });
      continue;
    }
    fatal = true;
    findings.push({
      severity: 'error',
      rule: 'yaml-syntax',
      path: [],
      offset: error.pos[0],
      message: `YAML syntax error: ${error.message.split('\n')[0]}`,
    });
  }
  return fatal;
}

function shapeFinding(text: string, document: YamlDocument): Finding | undefined {
  if (text.trim() === '' || document.contents === null) {
    return {
      severity: 'error',
      rule: 'empty-input',
      path: [],
      message: 'the spec is empty',
      hint: 'start from one of the examples/ (name, version and at least one tool)',
    };
  }
  if (document.errors.length === 0 && !isMap(document.contents)) {
    return {
      severity: 'error',
      rule: 'not-a-mapping',
      path: [],
      message: 'the spec must be a YAML mapping (`key: value` lines) or a JSON object',
      hint: 'is this the right file? A spec starts with `name:`, `version:` and `tools:`',
    };
  }
  return undefined;
}

/** Keys in FORBIDDEN_KEYS (`__proto__`, `toString`, …) are reported and dropped so they never reach JS objects. */
function removeForbiddenKeys(document: YamlDocument): Finding[] {
  const findings: Finding[] = [];
  visit(document, {
    Pair(_, pair, ancestry) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key === undefined || !FORBIDDEN_KEYS.has(key)) return undefined;
      findings.push({
        severity: 'error',
        rule: 'forbidden-key',
        path: [...pathOf(ancestry), key],
        offset: (pair.key as Node).range?.[0] ?? 0,
        message: `the key \`${key}\` is not allowed anywhere in a spec`,
        hint: 'rename it; these names would reach JavaScript object internals',
      });
      return visit.REMOVE;
    },
  });
  return findings;
}

/** The spec path of a node from `visit`'s ancestry list (document, maps, seqs and pairs). */
function pathOf(ancestry: readonly unknown[]): PathSegment[] {
  const path: PathSegment[] = [];
  for (let i = 0; i < ancestry.length; i++) {
    const item = ancestry[i];
    const next = ancestry[i + 1];
    if (isPair(item) && isScalar(item.key)) path.push(scalarKey(item.key.value));
    if (isSeq(item) && next !== undefined) path.push(item.items.indexOf(next as Node));
  }
  return path;
}

/** Map keys are always strings in the JS value (YAML `1: x` becomes `{ "1": "x" }`). */
function scalarKey(value: unknown): PathSegment {
  return String(value);
}

function pathOfKeyAt(document: YamlDocument, offset: number): PathSegment[] | undefined {
  let found: PathSegment[] | undefined;
  visit(document, {
    Pair(_, pair, ancestry) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
        found = [...pathOf(ancestry), scalarKey(pair.key.value)];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** Position of the deepest node on `path` that exists (a missing key points at its parent mapping). */
function locateNode(
  document: YamlDocument,
  path: SpecPath,
  at: 'key' | 'value',
  position: (offset: number) => Position,
): Position {
  let node: unknown = document.contents;
  let offset = offsetOf(node);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      const last = i === path.length - 1;
      offset =
        last && at === 'key'
          ? (offsetOf(pair.key) ?? offset)
          : (offsetOf(pair.value) ?? offsetOf(pair.key) ?? offset);
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number' && node.items[segment] !== undefined) {
      node = node.items[segment];
      offset = offsetOf(node) ?? offset;
    } else break;
  }
  return offset === undefined ? START : position(offset);
}

function offsetOf(node: unknown): number | undefined {
  return node && typeof node === 'object' && 'range' in node ? (node as Node).range?.[0] : undefined;
}
