/** The one escaping function: any string survives the trip into generated code and back, unchanged. */
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { jsComment, jsKey, jsPretty, jsString, jsValue } from '../../src/generator/escape.js';

const HOSTILE = [
  '',
  'plain',
  'double " quote',
  "single ' quote",
  'back ` tick',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder text is the point of the test
  'template ${process.exit(1)}',
  'end */ of comment',
  'back \\ slash \\u0041',
  'new\nline\r\nand\ttab',
  'line\u2028separator\u2029paragraph',
  'ünïcödé 🚀 \u0000 nul',
  '</script><script>alert(1)</script>',
  '"); process.exit(1); ("',
];

/** Evaluates an expression in an empty context (no access to this process). */
function evaluate(code: string): unknown {
  return runInNewContext(`(${code})`, {});
}

describe('jsString', () => {
  test.each(HOSTILE)('round-trips %j', (value) => {
    const literal = jsString(value);
    expect(evaluate(literal)).toBe(value);
    expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
  });
});

describe('jsValue / jsPretty', () => {
  const value = {
    text: HOSTILE,
    n: [0, -1.5, 1e21],
    flag: true,
    none: null,
    nested: { 'a-b': 1, class: 2, __proto__x: 3 },
    ['__proto__' as string]: 'own property',
  };

  test('round-trip any JSON value, keys included', () => {
    expect(evaluate(jsValue(value))).toEqual(JSON.parse(JSON.stringify(value)));
    expect(evaluate(jsPretty(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  test('a "__proto__" key becomes an own property, never the prototype', () => {
    const parsed = JSON.parse('{"__proto__": {"polluted": true}}') as object;
    const result = evaluate(jsValue(parsed)) as Record<string, unknown>;
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(result.polluted).toBeUndefined();
    expect(runInNewContext(`Object.getPrototypeOf(${jsValue(parsed)}) === Object.prototype`, {})).toBe(true);
  });

  test('refuses values that are not JSON', () => {
    expect(() => jsValue(Number.NaN)).toThrow(/NaN/);
    expect(() => jsValue(() => 1)).toThrow(/function/);
  });

  test('reserved words are valid bare keys; other names are quoted', () => {
    expect(jsKey('class')).toBe('class');
    expect(jsKey('a-b')).toBe('"a-b"');
    expect(jsKey('1a')).toBe('"1a"');
  });
});

describe('jsComment', () => {
  test.each(HOSTILE)('cannot leave a block or line comment: %j', (value) => {
    expect(evaluate(`/* ${jsComment(value)} */ 42`)).toBe(42);
    expect(runInNewContext(`// ${jsComment(value)}\n42`, {})).toBe(42);
  });
});
