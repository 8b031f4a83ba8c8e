/**
 * Checks on the positioned YAML document, before it becomes a JS value: duplicate keys, forbidden keys and
 * the alias count. Each is one walk with constant work per node, so hostile documents (thousands of keys in
 * one mapping, thousands of duplicates) stay linear; the YAML library's own duplicate check compares every
 * pair of keys in a mapping, which made 16,000 keys take half a minute.
 */
import { isPair, isScalar, isSeq, Lexer, type Node, type parseDocument, visit, type YAMLSeq } from 'yaml';
import type { Finding } from './diagnostics.js';
import { shorten } from './diagnostics.js';
import { MAX_ALIASES } from './limits.js';
import { FORBIDDEN_KEYS } from './names.js';
import type { PathSegment } from './path.js';

type YamlDocument = ReturnType<typeof parseDocument>;

/** One finding per key that repeats an earlier key of the same mapping, at the repeat. */
export function duplicateKeyFindings(document: YamlDocument): Finding[] {
  const findings: Finding[] = [];
  const pathOf = pathFinder();
  visit(document, {
    Map(_, map, ancestry) {
      const seen = new Set<string>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
        findings.push({
          severity: 'error',
          rule: 'duplicate-key',
          path: [...pathOf([...ancestry, map]), key],
          offset: pair.key.range?.[0] ?? 0,
          message: `duplicate key \`${shorten(key)}\`: it is already defined in the same mapping`,
          hint: 'remove one of them (YAML keeps only the last, which hides the first)',
        });
      }
    },
  });
  return findings;
}

/** Keys in FORBIDDEN_KEYS (`__proto__`, `toString`, …) are reported and dropped so they never reach JS objects. */
export function removeForbiddenKeys(document: YamlDocument): Finding[] {
  const findings: Finding[] = [];
  const pathOf = pathFinder();
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

/** A finding at the first `*alias` over MAX_ALIASES (the library's own count gives no position). */
export function aliasFinding(document: YamlDocument): Finding | undefined {
  let count = 0;
  let offset: number | undefined;
  visit(document, {
    Alias(_, alias) {
      count += 1;
      if (count <= MAX_ALIASES) return undefined;
      offset = alias.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset === undefined ? undefined : tooManyAliases(offset);
}

/** Lexer tokens that mark structure and stand for no source text (document start, flow end, scalar). */
const MARKER_TOKENS = new Set(['\x02', '\x18', '\x1f']);

/**
 * The same limit found by the YAML lexer alone, which stops at the alias over the limit: an alias-heavy
 * megabyte is refused in the time it takes to lex up to there, without building the positioned document.
 */
export function lexedAliasFinding(text: string): Finding | undefined {
  let count = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (token.startsWith('*') && ++count > MAX_ALIASES) return tooManyAliases(offset);
    if (!MARKER_TOKENS.has(token)) offset += token.length;
  }
  return undefined;
}

function tooManyAliases(offset: number): Finding {
  return {
    severity: 'error',
    rule: 'yaml-aliases',
    path: [],
    offset,
    message: `the spec uses more than ${MAX_ALIASES} YAML \`*alias\` references (the limit); this is one too many`,
    hint: 'write the shared part out where it is needed, or share fewer values with `&anchor` / `*alias`',
  };
}

/**
 * The spec path of a node from `visit`'s ancestry list (document, maps, seqs and pairs). Item indexes come
 * from an index per sequence built on first use, not from a search per call.
 */
function pathFinder(): (ancestry: readonly unknown[]) => PathSegment[] {
  const indexes = new WeakMap<YAMLSeq, Map<unknown, number>>();
  const indexIn = (seq: YAMLSeq, item: unknown): number => {
    let index = indexes.get(seq);
    if (!index) {
      index = new Map(seq.items.map((node, i) => [node, i] as const));
      indexes.set(seq, index);
    }
    return index.get(item) ?? -1;
  };
  return (ancestry) => {
    const path: PathSegment[] = [];
    for (let i = 0; i < ancestry.length; i++) {
      const item = ancestry[i];
      const next = ancestry[i + 1];
      // Map keys are always strings in the JS value (YAML `1: x` becomes `{ "1": "x" }`).
      if (isPair(item) && isScalar(item.key)) path.push(String(item.key.value));
      if (isSeq(item) && next !== undefined) path.push(indexIn(item, next));
    }
    return path;
  };
}
