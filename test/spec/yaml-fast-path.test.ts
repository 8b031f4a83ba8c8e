import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { largeSpecYaml } from '../../bench/spec-parse.bench.js';
import { parseCleanYaml } from '../../src/spec/yaml-fast-path.js';

const examples = readdirSync('examples').filter((f) => f.endsWith('.yaml'));

describe('YAML fast path', () => {
  it.each(examples)('reads examples/%s exactly as the positioned parser does', (file) => {
    const text = readFileSync(join('examples', file), 'utf8');
    const fast = parseCleanYaml(text);
    expect(fast).toBeDefined();
    expect(fast).toEqual(parse(text));
  });

  it('reads the 1,000-tool benchmark spec exactly as the positioned parser does', () => {
    const text = largeSpecYaml(1000);
    expect(parseCleanYaml(text)).toEqual(parse(text));
  });

  it.each([
    { given: 'a duplicate key', text: 'name: a\nname: b\n' },
    { given: 'a __proto__ key', text: 'name: a\ntools:\n  - __proto__: { polluted: true }\n' },
    { given: 'a prototype key', text: 'name: a\nprototype: 1\n' },
    { given: 'an aliased mapping', text: 'base: &b { type: string }\nother: *b\n' },
    { given: 'a merge key', text: 'base: &b { type: string }\nother:\n  <<: *b\n' },
    { given: 'a custom tag', text: 'name: !secret x\n' },
    { given: 'a syntax error', text: 'name: [a\n' },
    { given: 'a list at the top', text: '- a\n- b\n' },
    { given: 'nothing', text: '' },
    { given: 'absurd nesting', text: `${'['.repeat(100)}${']'.repeat(100)}` },
  ])('leaves $given to the slow path, which reports it with its line', ({ text }) => {
    expect(parseCleanYaml(text)).toBeUndefined();
  });

  it('keeps YAML 1.2 core scalars as the positioned parser does (no timestamps, no YAML 1.1 booleans)', () => {
    const text = 'a: 2024-01-31\nb: yes\nc: 0o17\nd: ~\ne: .inf\n';
    expect(parseCleanYaml(text)).toEqual(parse(text));
  });
});
