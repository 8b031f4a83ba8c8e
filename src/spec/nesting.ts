/**
 * Nesting depth found on the text, before the YAML library sees it: the library recurses once per level, and
 * a few thousand levels exhaust the stack; near that limit V8 can even fail fatally while compiling a regular
 * expression (seen in the fuzz: "RegExpCompiler Allocation failed"), which no try/catch survives. A cheap
 * scan refuses such text first. It counts flow brackets (`[`, `{`) outside quoted strings and comments, and
 * block indentation; both can only over-count on text no real spec has (sixty-four unclosed brackets in a row,
 * a line indented by more than a thousand spaces).
 */
import { MAX_DEPTH } from './limits.js';

/** Block nesting costs at least one column per level; deeper than this is no spec's layout. */
const MAX_INDENT = 16 * MAX_DEPTH;

/** Offset where the text first nests deeper than the limits, or -1. */
export function nestingOverflow(text: string): number {
  let depth = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x0a) {
      lineStart = true;
      indent = 0;
      continue;
    }
    if (lineStart && char === 0x20) {
      if (++indent > MAX_INDENT) return i;
      continue;
    }
    lineStart = false;
    if (char === 0x22 /* " */) i = closingQuote(text, i);
    else if (char === 0x23 /* # */ && (i === 0 || text.charCodeAt(i - 1) <= 0x20)) i = lineEnd(text, i);
    else if (char === 0x5b /* [ */ || char === 0x7b /* { */) {
      if (++depth > MAX_DEPTH) return i;
    } else if (char === 0x5d /* ] */ || char === 0x7d /* } */) depth = Math.max(0, depth - 1);
  }
  return -1;
}

/** Index of the `"` closing the string opened at `start` (or the end of its line). */
function closingQuote(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (char === 0x5c /* \ */) i++;
    else if (char === 0x22 || char === 0x0a) return char === 0x0a ? i - 1 : i;
  }
  return text.length;
}

function lineEnd(text: string, start: number): number {
  const end = text.indexOf('\n', start);
  return end < 0 ? text.length : end - 1;
}
