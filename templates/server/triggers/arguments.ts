/**
 * Declarative argument mapping: each tool argument is a dot path into the event, with an optional
 * fallback, or a constant. Nothing from the spec or the event is evaluated; a path only walks own
 * properties of plain objects and arrays, so `__proto__`, `constructor` and friends read as absent.
 */
import type { ArgumentSource, JsonValue } from './contract.js';

export function mapArguments(
  mapping: Readonly<Record<string, ArgumentSource>>,
  event: unknown,
): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [name, source] of Object.entries(mapping)) {
    const value =
      'value' in source ? source.value : withDefault(readPath(event, source.from), source.default);
    // Absent stays absent, so the tool's own default (and its required check) applies.
    if (value !== undefined) args[name] = cloneJson(value);
  }
  return args;
}

/** Only a missing value takes the default: null from the event is a value the sender chose. */
function withDefault(value: unknown, fallback: unknown): unknown {
  return value === undefined ? fallback : value;
}

/** `body.items.0.sku` → event.body.items[0].sku; undefined when any step is missing. */
export function readPath(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    if (!Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** Constants from the config are shared between runs; a tool must not be able to change them for the next. */
function cloneJson(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? structuredClone(value as JsonValue) : value;
}
