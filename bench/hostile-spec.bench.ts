/**
 * Validating a 1 MB hostile spec (issue 11): alias-heavy, key-heavy and string-heavy texts against a 1 MB
 * plain spec validated in the same run (target: each at most twice the plain spec). Before the fixes the
 * key-heavy case took minutes and the string-heavy one was quadratic; the alias-heavy one validated as valid.
 */
import { parseSpec } from '../src/spec/index.js';
import { defineBench } from './lib/measure.js';
import { largeSpecYaml } from './spec-parse.bench.js';

const MB = 1024 * 1024;
const HEAD =
  'name: hostile\nversion: 1.0.0\ntools:\n  - name: t\n    description: d\n    implementation: { type: handler }\n';

/** The plain spec: tools written like examples/, as many as make 1 MB. */
function plainSpec(): string {
  let count = 1000;
  while (largeSpecYaml(count).length < MB) count += 500;
  return largeSpecYaml(count);
}

/** One scalar anchored once and aliased as often as fits in 1 MB (refused: over the alias limit). */
function aliasHeavy(): string {
  const lines = [`${HEAD}    parameters:`];
  let length = lines[0]!.length;
  for (let i = 0; length < MB; i++) {
    const line = `      p${i}: { type: string, description: ${i === 0 ? '&d x' : '*d'} }`;
    lines.push(line);
    length += line.length + 1;
  }
  return `${lines.join('\n')}\n`;
}

/** Unknown top-level keys until 1 MB (refused: every key reported with its line). */
function keyHeavy(): string {
  const keys: string[] = [];
  let length = HEAD.length;
  for (let i = 0; length < MB; i++) {
    const line = `unknown_key_${i}: 1`;
    keys.push(line);
    length += line.length + 1;
  }
  return `${HEAD}${keys.join('\n')}\n`;
}

/** A valid spec whose description is 1 MB of `a.`, `eyJ-` and `x://y:` (the units that backtracked). */
function stringHeavy(): string {
  const unit = 'a.eyJ-x://y:';
  return HEAD.replace('description: d', `description: "${unit.repeat(Math.ceil(MB / unit.length))}"`);
}

export default defineBench({
  name: 'hostile-spec',
  description: 'validate 1 MB hostile specs against a 1 MB plain spec',
  iterations: 10,
  warmup: 2,
  setup() {
    const plain = plainSpec();
    const plainCheck = parseSpec(plain);
    if (plainCheck.errors.length > 0) throw new Error(`plain spec invalid: ${plainCheck.errors[0]?.message}`);
    const cases = [
      { name: 'alias-heavy', text: aliasHeavy(), expect: 'yaml-aliases' },
      { name: 'key-heavy', text: keyHeavy(), expect: 'structure' },
      { name: 'string-heavy', text: stringHeavy(), expect: undefined },
    ];
    for (const c of cases) {
      const rule = parseSpec(c.text).errors[0]?.rule;
      if (rule !== c.expect)
        throw new Error(`${c.name}: expected ${c.expect ?? 'valid'}, got ${rule ?? 'valid'}`);
    }
    const kb = (text: string) => `${Math.round(text.length / 1024)} KiB`;
    return [
      { name: `plain spec (${kb(plain)})`, baseline: true, fn: () => parseSpec(plain) },
      ...cases.map((c) => ({
        name: `${c.name} (${kb(c.text)})`,
        targetRatio: 2,
        fn: () => parseSpec(c.text),
      })),
    ];
  },
});
