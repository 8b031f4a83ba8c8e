/**
 * The source text as a YAML document: syntax errors, duplicate keys and forbidden keys are found here on the
 * AST, before anything is turned into a JS object, and every path can be mapped back to a line and column.
 * JSON is read by the same parser (JSON is YAML's flow style), so positions work for both.
 */
import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseDocument,
  type YAMLMap,
} from 'yaml';
import type { Finding } from './diagnostics.js';
import { parseCleanJson } from './json-fast-path.js';
import { MAX_ALIASES, MAX_DEPTH } from './limits.js';
import { nestingOverflow } from './nesting.js';
import type { SpecPath } from './path.js';
import { expandedSizeFinding, textSizeFinding } from './size.js';
import { aliasFinding, duplicateKeyFindings, lexedAliasFinding, removeForbiddenKeys } from './yaml-checks.js';
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

/**
 * Clean JSON or YAML takes a fast path; the positioned YAML document is only built if a position is asked for.
 * Text over the size limit is refused before any parser sees it.
 */
export function readSource(text: string): SpecSource {
  const tooLarge = textSizeFinding(Buffer.byteLength(text));
  if (tooLarge) return { text, findings: [tooLarge], unusable: true, value: undefined, locate: () => START };
  const json = parseCleanJson(text) ?? parseCleanYaml(text);
  if (!json) return readYamlOrReport(text);
  let yaml: SpecSource | undefined;
  const expanded = expandedSizeFinding(json);
  return {
    text,
    findings: expanded ? [expanded] : [],
    unusable: expanded !== undefined,
    value: expanded ? undefined : json,
    locate: (path, at) => {
      yaml ??= readYamlSource(text);
      return yaml.locate(path, at);
    },
  };
}

/**
 * Pathological nesting overflows the YAML library's recursion: refuse it first (see nesting.ts), else report.
 * Too many aliases are refused by the lexer before the positioned document is built.
 */
function readYamlOrReport(text: string): SpecSource {
  const overflow = nestingOverflow(text);
  if (overflow >= 0) return tooDeep(text, overflow);
  const aliases = lexedAliasFinding(text);
  if (aliases) return { text, findings: [aliases], unusable: true, value: undefined, locate: () => START };
  try {
    return readYamlSource(text);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return tooDeep(text, undefined);
  }
}

function tooDeep(text: string, offset: number | undefined): SpecSource {
  const finding: Finding = {
    severity: 'error',
    rule: 'too-deep',
    path: [],
    ...(offset === undefined ? {} : { offset }),
    message: `the spec is nested more than ${MAX_DEPTH} levels deep`,
  };
  return { text, findings: [finding], unusable: true, value: undefined, locate: () => START };
}

function readYamlSource(text: string): SpecSource {
  const lineCounter = new LineCounter();
  // logLevel error: the library must not print its warnings to the console (errors are still collected).
  const document = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    // Duplicate keys are found by duplicateKeyFindings: the library's check is quadratic in a mapping's size.
    uniqueKeys: false,
    logLevel: 'error',
  });
  const findings: Finding[] = [];
  const fatal = syntaxFindings(document, findings);
  findings.push(...duplicateKeyFindings(document), ...removeForbiddenKeys(document));
  const shape = shapeFinding(text, document);
  if (shape) findings.push(shape);
  const value = fatal || shape ? undefined : toValue(document, findings);
  const pairOf = pairLookup();
  const position = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return {
    text,
    findings,
    unusable: value === undefined,
    value,
    locate: (path, at = 'value') => locateNode(document, path, at, position, pairOf),
  };
}

/** The document as JS, or undefined (with a finding) when aliases explode or nesting is absurdly deep. */
function toValue(document: YamlDocument, findings: Finding[]): unknown {
  const aliases = aliasFinding(document);
  if (aliases) {
    findings.push(aliases);
    return undefined;
  }
  let value: unknown;
  try {
    value = document.toJS({ maxAliasCount: MAX_ALIASES });
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
  const expanded = expandedSizeFinding(value);
  if (expanded) findings.push(expanded);
  return expanded ? undefined : value;
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
function syntaxFindings(document: YamlDocument, findings: Finding[]): boolean {
  let fatal = false;
  for (const error of document.errors) {
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

/** Position of the deepest node on `path` that exists (a missing key points at its parent mapping). */
function locateNode(
  document: YamlDocument,
  path: SpecPath,
  at: 'key' | 'value',
  position: (offset: number) => Position,
  pairOf: PairOf,
): Position {
  let node: unknown = document.contents;
  let offset = offsetOf(node);
  for (let i = 0; i < path.length; i++) {
    const segment = path[i]!;
    if (isAlias(node)) node = node.resolve(document);
    if (isMap(node)) {
      const pair = pairOf(node, String(segment));
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

type PairOf = (map: YAMLMap, key: string) => Pair | undefined;

/**
 * Finds a mapping's pair by key through an index built on first use, so locating thousands of findings in a
 * mapping of thousands of keys stays linear. The first pair wins, like the search it replaces.
 */
function pairLookup(): PairOf {
  const indexes = new WeakMap<YAMLMap, Map<string, Pair>>();
  return (map, key) => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        const name = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (name !== undefined && !index.has(name)) index.set(name, pair as Pair);
      }
      indexes.set(map, index);
    }
    return index.get(key);
  };
}

function offsetOf(node: unknown): number | undefined {
  return node && typeof node === 'object' && 'range' in node ? (node as Node).range?.[0] : undefined;
}
