/**
 * The one way a user-supplied string (or any spec value) reaches generated source code. Everything the
 * emitters put into `.ts` files from a spec goes through `jsString`, `jsValue` or `jsComment`; no emitter
 * pastes spec text into code by itself. `JSON.stringify` gives a valid JS string literal for any input; the
 * two line terminators it leaves raw (U+2028, U+2029) are escaped too so the output is safe in every JS
 * parser and readable in every editor.
 */

/** A JavaScript string literal (double-quoted) holding exactly `value`. */
export function jsString(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A JSON-compatible value as a JavaScript expression. Object keys keep their order. */
export function jsValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return jsString(value);
  if (typeof value === 'number') return jsNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(jsValue).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{ ${entries.map(([k, v]) => `${jsKey(k)}: ${jsValue(v)}`).join(', ')} }`;
  }
  throw new TypeError(`cannot emit a value of type ${typeof value} into generated code`);
}

function jsNumber(value: number): string {
  if (!Number.isFinite(value)) throw new TypeError(`cannot emit the number ${value} into generated code`);
  return Object.is(value, -0) ? '0' : String(value);
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * An object-literal key. Plain identifiers (reserved words included: they are valid property names) are
 * written bare and anything else quoted. `__proto__` is computed (`["__proto__"]`) because a plain or quoted
 * `__proto__` key in a literal sets the prototype instead of creating a property.
 */
export function jsKey(key: string): string {
  if (key === '__proto__') return `[${jsString(key)}]`;
  return IDENTIFIER.test(key) ? key : jsString(key);
}

/**
 * Text for inside a comment (`//` or `/* *\/`): one line, and no sequence that could end a block comment.
 * Line terminators become spaces and `*\/` is broken up, so the comment cannot leak into code.
 */
export function jsComment(text: string): string {
  return text
    .replace(/\r\n|[\r\n\u2028\u2029\u0085]/g, ' ')
    .replace(/\*\//g, '*\\/')
    .trim();
}

/**
 * Like `jsValue`, but objects and arrays that do not fit on one line (`width` characters after `indent`)
 * are laid out one entry per line, so generated data stays readable and diffs stay small.
 */
export function jsPretty(value: unknown, indent = '', width = 100): string {
  const flat = jsValue(value);
  if (flat.length + indent.length <= width || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    return `[\n${value.map((v) => `${inner}${jsPretty(v, inner, width)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  const lines = entries.map(([k, v]) => `${inner}${jsKey(k)}: ${jsPretty(v, inner, width)},`);
  return `{\n${lines.join('\n')}\n${indent}}`;
}
