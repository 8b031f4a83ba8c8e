/**
 * Clean YAML specs skip the position-tracking YAML parser: js-yaml builds plain values about ten times
 * faster, and positions are only needed when there is something to report (then the caller builds the
 * positioned document). Same idea as json-fast-path.ts.
 *
 * "Clean" is decided conservatively; anything else takes the slow path, which reports it with its line:
 * - js-yaml's CORE schema, the same YAML 1.2 core schema the `yaml` package uses: no `<<` merge keys, no
 *   timestamps turned into Dates, unknown tags are errors;
 * - duplicate keys make js-yaml throw;
 * - no `__proto__` / `constructor` / `prototype` key at any depth;
 * - no `&anchor` at all: js-yaml cannot count the aliases that reuse it (a scalar repeated 5,000 times
 *   expands a small file into a huge spec), the slow path counts them and reports where the limit is crossed.
 *   Text that only looks like an anchor (an `&` inside a quoted string) merely costs the fast path;
 * - no collection reached twice (an alias of a mapping or list: also what an alias bomb is made of);
 * - no nesting deeper than the slow path accepts.
 */
import { CORE_SCHEMA, load } from 'js-yaml';
import { MAX_DEPTH } from './limits.js';
import { FORBIDDEN_KEYS } from './names.js';

/** An `&` where YAML allows a node's properties: line start, after indentation, `- `, `: `, `[`, `{` or `,`. */
const ANCHOR = /(?:^|[\s,[{])&[^\s,[\]{}]/;

/** The parsed mapping, or undefined when the text is not clean YAML holding a mapping. */
export function parseCleanYaml(text: string): Record<string, unknown> | undefined {
  if (ANCHOR.test(text)) return undefined;
  let value: unknown;
  try {
    value = load(text, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return isTree(value, new Set(), 0) ? (value as Record<string, unknown>) : undefined;
}

/** True when every collection below `value` is reached once, within depth, with no forbidden key. */
function isTree(value: unknown, seen: Set<object>, depth: number): boolean {
  if (typeof value !== 'object' || value === null) return true;
  if (depth > MAX_DEPTH || seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.every((item) => isTree(item, seen, depth + 1));
  for (const [key, child] of Object.entries(value)) {
    if (FORBIDDEN_KEYS.has(key) || !isTree(child, seen, depth + 1)) return false;
  }
  return true;
}
