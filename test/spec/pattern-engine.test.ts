/** pattern-engine: a pattern the generated server's RE2 engine cannot run is refused at validation. */
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/index.js';

function parse(parameters: string) {
  const result = parseSpec(`name: s\nversion: 1.0.0\ntools:\n  - name: t\n    parameters:\n${parameters}`);
  return { result, found: result.errors.filter((d) => d.rule === 'pattern-engine') };
}

describe('pattern-engine', () => {
  it.each([
    ['lookahead', '(?=a)b', 'unsupported Perl syntax'],
    ['a backreference', '(a)\\\\1', 'invalid escape sequence'],
  ])('refuses %s with the reason and where', (_label, pattern, reason) => {
    const { result, found } = parse(`      code: { type: string, pattern: "${pattern}" }\n`);
    expect(result.spec).toBeUndefined();
    expect(found[0]).toMatchObject({ path: 'tools[0].parameters.code.pattern', line: 6 });
    expect(found[0]?.message).toContain(reason);
    expect(found[0]?.hint).toContain('lookahead');
  });

  it('looks inside array items and object properties', () => {
    const { found } = parse(
      '      list: { type: array, items: { type: string, pattern: "(?!x)y" } }\n      obj: { type: object, properties: { k: { type: string, pattern: "(b)\\\\1" } } }\n',
    );
    expect(found.map((d) => d.path)).toEqual([
      'tools[0].parameters.list.items.pattern',
      'tools[0].parameters.obj.properties.k.pattern',
    ]);
  });

  it('accepts what RE2 runs, catastrophic-looking patterns and lookbehind included', () => {
    for (const pattern of ['^(a+)+$', '^[a-z]+\\\\d{2}$', '(?<=\\\\$)\\\\d+', '^(?<w>\\\\w+)$']) {
      expect(parse(`      code: { type: string, pattern: "${pattern}" }\n`).found).toEqual([]);
    }
  });
});
