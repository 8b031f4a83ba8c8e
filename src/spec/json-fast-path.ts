/**
 * JSON specs (what the REST API and `--json` tooling send) skip the YAML parser when they are clean:
 * `JSON.parse` is an order of magnitude faster, and positions are only needed when there is something to
 * report. "Clean" means every object key is unique and none is `__proto__`/`constructor`/`prototype`;
 * otherwise the caller takes the YAML path, which reports those with their lines.
 */
import { MAX_DEPTH } from './limits.js';
import { FORBIDDEN_KEYS } from './names.js';

/** The parsed object, or undefined when the text is not a clean JSON object. */
export function parseCleanJson(text: string): Record<string, unknown> | undefined {
  if (!/^\s*\{/.test(text) || !hasCleanKeys(text)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

interface Frame {
  readonly keys: Set<string> | undefined; // undefined for arrays
  expectKey: boolean;
}

/** One pass over the text: false on a duplicate or forbidden key (or anything that is not JSON-like). */
export function hasCleanKeys(text: string): boolean {
  const stack: Frame[] = [];
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x22 /* " */) {
      const end = stringEnd(text, i);
      if (end < 0) return false;
      const frame = stack.at(-1);
      if (frame?.keys && frame.expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end + 1)) as string) : raw;
        if (frame.keys.has(key) || FORBIDDEN_KEYS.has(key)) return false;
        frame.keys.add(key);
        frame.expectKey = false;
      }
      i = end;
    } else if (char === 0x7b /* { */ || char === 0x5b /* [ */) {
      // Absurd nesting goes the slow way, where it is reported.
      if (stack.length >= MAX_DEPTH) return false;
      stack.push({ keys: char === 0x7b ? new Set() : undefined, expectKey: char === 0x7b });
    } else if (char === 0x7d /* } */ || char === 0x5d /* ] */) stack.pop();
    else if (char === 0x2c /* , */) {
      const frame = stack.at(-1);
      if (frame?.keys) frame.expectKey = true;
    }
  }
  return stack.length === 0;
}

/** Index of the closing quote of the string starting at `start`, or -1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x5c /* \ */) i++;
    else if (char === 0x22) return i;
  }
  return -1;
}
