/** linearPattern: spec patterns matched by RE2 (re2js) in linear time, as a RegExp zod and clients can use. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { linearPattern } from '../lib/linear-pattern.js';

describe('linearPattern', () => {
  it('answers a catastrophic pattern on a hostile input in milliseconds (V8 takes seconds at 25 bytes)', () => {
    const pattern = linearPattern('^(a+)+$');
    const hostile = `${'a'.repeat(10_000)}!`;
    const started = performance.now();
    expect(pattern.test(hostile)).toBe(false);
    expect(performance.now() - started).toBeLessThan(200);
    expect(pattern.test('aaaa')).toBe(true);
  });

  it.each([
    ['^[a-z]+\\d{2}$', 'abc12', 'abc1'],
    ['\\u{1F600}', 'x😀', 'x😃'],
    ['^(?<word>\\w+)$', 'hello', 'two words'],
    ['(?<=\\$)\\d+', 'cost $5', 'cost 5'],
    ['^\\p{L}+$', 'héllo', 'h3llo'],
  ])('%s matches like the ECMAScript pattern with the u flag', (source, yes, no) => {
    const linear = linearPattern(source);
    const native = new RegExp(source, 'u');
    for (const value of [yes, no]) expect(linear.test(value)).toBe(native.test(value));
    expect(linear.test(yes)).toBe(true);
  });

  it('keeps its source for JSON Schema and works through zod, exec, match and replace', () => {
    const schema = z.object({ code: z.string().regex(linearPattern('^[A-Z]{3}-\\d+$')) });
    expect(schema.safeParse({ code: 'ABC-12' }).success).toBe(true);
    expect(schema.safeParse({ code: 'abc-12' }).success).toBe(false);
    expect(z.toJSONSchema(schema).properties?.code).toMatchObject({ pattern: '^[A-Z]{3}-\\d+$' });
    const found = linearPattern('(b+)(c)').exec('abbcd');
    expect([...(found ?? [])]).toEqual(['bbc', 'bb', 'c']);
    expect(found?.index).toBe(1);
    expect('xaab'.match(linearPattern('a+'))?.[0]).toBe('aa');
    expect('aXb'.replace(linearPattern('X'), '-')).toBe('a-b');
  });

  it('names the pattern when RE2 cannot run it (the spec rule refuses these before generation)', () => {
    expect(() => linearPattern('(?=a)b')).toThrow('pattern "(?=a)b" cannot run in linear time');
    expect(() => linearPattern('(a)\\1')).toThrow('cannot run in linear time');
  });
});
