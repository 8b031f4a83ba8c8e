/**
 * Hostile spec text (issue 11, items 2 and 3): alias amplification and oversized input are refused on every
 * parse path with a diagnostic that says where and which limit, and validation stays linear on inputs that
 * used to take a minute. Time bounds are generous (a loaded CI machine) but far below the old times.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec, parseSpec } from '../../src/spec/index.js';
import { MAX_ALIASES, MAX_SPEC_BYTES } from '../../src/spec/limits.js';
import { parseCleanYaml } from '../../src/spec/yaml-fast-path.js';

const HEAD = 'name: demo\nversion: 1.0.0\n';
const TOOL = 'tools:\n  - name: t\n    description: d\n    implementation: { type: handler }\n';

function timed<T>(work: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = work();
  return { value, ms: performance.now() - start };
}

/** The reproducer: one 20 KB scalar anchored once and aliased `count` times (118 KB of text). */
function scalarAliasBomb(count: number, scalarBytes = 20_000): string {
  const lines = [`${HEAD}description: &d ${'x'.repeat(scalarBytes)}`, TOOL.trimEnd(), '    parameters:'];
  for (let i = 0; i < count; i++) lines.push(`      p${i}: { type: string, description: *d }`);
  return lines.join('\n');
}

describe('alias amplification and input size (item 2)', () => {
  it('refuses 5,000 aliases of one scalar at the first alias over the limit', () => {
    const text = scalarAliasBomb(5000);
    expect(text.length).toBeLessThan(300_000);
    const { errors, spec } = parseSpec(text);
    expect(spec).toBeUndefined();
    expect(errors).toEqual([
      expect.objectContaining({ rule: 'yaml-aliases', line: 9 + MAX_ALIASES, column: 42 }),
    ]);
    expect(errors[0]?.message).toContain(`more than ${MAX_ALIASES}`);
    expect(errors[0]?.hint).toMatch(/alias/);
  });

  it('refuses few aliases that expand past the expanded-size limit, at the value that crosses it', () => {
    const { errors } = parseSpec(scalarAliasBomb(90, 100_000));
    expect(errors).toEqual([
      expect.objectContaining({ rule: 'expanded-too-large', path: expect.stringMatching(/^tools\[0\]/) }),
    ]);
    expect(errors[0]?.message).toMatch(/8 MiB/);
  });

  it('accepts a handful of aliases (sharing a definition is legitimate)', () => {
    const { errors } = parseSpec(scalarAliasBomb(5, 100));
    expect(errors).toEqual([]);
  });

  it('sends anchored YAML to the positioned parser, which counts aliases', () => {
    expect(parseCleanYaml('a: &x 1\nb: *x\n')).toBeUndefined();
    expect(parseCleanYaml('a: "R&D"\nb: x&y\n')).toEqual({ a: 'R&D', b: 'x&y' });
  });

  it('refuses text over the size limit before parsing it, in YAML and JSON alike', () => {
    const padding = 'x'.repeat(MAX_SPEC_BYTES);
    for (const text of [
      `${HEAD}description: ${padding}\n${TOOL}`,
      JSON.stringify({ name: 'demo', d: padding }),
    ]) {
      const { value, ms } = timed(() => parseSpec(text));
      expect(value.errors).toEqual([expect.objectContaining({ rule: 'spec-too-large', line: 1, column: 1 })]);
      expect(value.errors[0]?.message).toMatch(/the limit is 4 MiB/);
      expect(ms).toBeLessThan(1000);
    }
  });

  it('refuses a file over the size limit without reading it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hostile-input-'));
    try {
      const file = join(dir, 'huge.yaml');
      await writeFile(file, `${HEAD}${TOOL}description: ${'y'.repeat(MAX_SPEC_BYTES)}\n`);
      const result = await loadSpec(file);
      expect(result.errors).toEqual([expect.objectContaining({ rule: 'spec-too-large' })]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('validation stays linear (item 3)', () => {
  it('16,000 unknown top-level keys: every one reported at its line, in well under the old 36 s', () => {
    const keys = Array.from({ length: 16_000 }, (_, i) => `unknown_key_${i}: 1`).join('\n');
    const { value, ms } = timed(() => parseSpec(`${HEAD}${TOOL}${keys}\n`));
    expect(value.errors).toHaveLength(16_000);
    expect(value.errors[15_999]).toMatchObject({ path: 'unknown_key_15999', line: 16_006, column: 1 });
    expect(ms).toBeLessThan(10_000);
  }, 30_000);

  it('16,000 keys written twice each: every repeat reported at its line', () => {
    const keys = Array.from({ length: 32_000 }, (_, i) => `k${i % 16_000}: 1`).join('\n');
    const { value, ms } = timed(() => parseSpec(`${HEAD}${TOOL}${keys}\n`));
    const duplicates = value.errors.filter((e) => e.rule === 'duplicate-key');
    expect(duplicates).toHaveLength(16_000);
    expect(duplicates.at(-1)).toMatchObject({ path: 'k15999', line: 32_006, column: 1 });
    expect(ms).toBeLessThan(10_000);
  }, 30_000);

  it.each([
    ['`a.` (scheme-like, the issue reproducer)', 'a.'],
    ['`eyJ-` (JWT-like)', 'eyJ-'],
    ['`eyJaaaaaaaa.eyJ.` (JWT-like segments)', 'eyJaaaaaaaa.eyJ.'],
    ['`x://y:` (URL-like)', 'x://y:'],
  ])(
    'a 256 KB description repeating %s validates in well under the old 51 s',
    (_, unit) => {
      const description = unit.repeat(Math.ceil((256 * 1024) / unit.length));
      const text = JSON.stringify({ name: 'demo', version: '1.0.0', description, tools: [{ name: 't' }] });
      const { value, ms } = timed(() => parseSpec(text));
      expect(value.errors).toEqual([]);
      expect(ms).toBeLessThan(5_000);
    },
    30_000,
  );

  it('a one-megabyte unknown key is reported with a shortened name and no suggestion search', () => {
    const key = 'k'.repeat(1024 * 1024);
    const { value, ms } = timed(() => parseSpec(`${HEAD}${TOOL}${key}: 1\n`));
    expect(value.errors).toEqual([expect.objectContaining({ rule: 'structure', line: 7 })]);
    expect(value.errors[0]?.message.length).toBeLessThan(100);
    expect(ms).toBeLessThan(5_000);
  }, 30_000);
});

describe('patterns with catastrophic backtracking (item 4, validation half)', () => {
  const withPattern = (pattern: string, extra = '') =>
    `${HEAD}${TOOL}    parameters:\n      q: { type: string, pattern: ${JSON.stringify(pattern)}${extra} }\n`;

  it('warns on `^(a+)+$`, at the pattern, saying why and how to fix it', () => {
    const { spec, warnings } = parseSpec(withPattern('^(a+)+$'));
    expect(spec).toBeDefined();
    expect(warnings).toEqual([
      expect.objectContaining({ path: 'tools[0].parameters.q.pattern', line: 8, column: 35 }),
    ]);
    expect(warnings[0]?.message).toMatch(/nests quantifiers/);
    expect(warnings[0]?.hint).toMatch(/\^a\+\$/);
  });

  it('does not warn on ordinary patterns', () => {
    for (const pattern of ['^[a-z]+\\d{2}$', '^\\p{L}+$', '^[A-Z]{3}-\\d{4}$', '(?<=a)b']) {
      expect(parseSpec(withPattern(pattern)).warnings, pattern).toEqual([]);
    }
  });

  it.each([
    ['^(a+)+$', 'flagged'],
    ['^(a|a)*$', 'not flagged by the heuristic'],
    ['^(a|aa)+$', 'not flagged by the heuristic'],
  ])('checks a hostile default against %s (%s) without freezing validation', (pattern) => {
    const { value, ms } = timed(() => parseSpec(withPattern(pattern, `, default: "${'a'.repeat(40)}!"`)));
    expect(value.errors).toEqual([expect.objectContaining({ path: 'tools[0].parameters.q.default' })]);
    expect(value.errors[0]?.message).toMatch(/does not match its pattern/);
    expect(ms).toBeLessThan(2_000);
  });

  it('refuses patterns RE2 cannot read (backreference), and still checks their defaults when judged safe', () => {
    const rules = (extra: string) => parseSpec(withPattern('^(a)\\1$', extra)).errors.map((d) => d.rule);
    expect(rules(', default: "aa"')).toEqual(['pattern-engine']);
    expect(rules(', default: "ab"')).toEqual(['pattern-engine', 'parameter-consistency']);
  });

  it('checks a default against a lookbehind around nested quantifiers in linear time', () => {
    const hostile = `, default: "${'a'.repeat(40)}!"`;
    const { value, ms } = timed(() => parseSpec(withPattern('(?<=x)(a+)+$', hostile)));
    expect(value.errors.map((d) => d.rule)).toEqual(['parameter-consistency']);
    expect(ms).toBeLessThan(2_000);
  });
});

describe('absurd nesting (found by the fuzz)', () => {
  it('refuses 8,000 levels before the YAML library recurses into them, at the level that crosses the limit', () => {
    const text = `{"name":"fuzz","deep":${'{"a":'.repeat(8_000)}1${'}'.repeat(8_000)}}`;
    for (let i = 0; i < 3; i++) {
      const { value, ms } = timed(() => parseSpec(text));
      expect(value.errors).toEqual([
        expect.objectContaining({ rule: 'too-deep', line: 1, column: 23 + 5 * 63 }),
      ]);
      expect(ms).toBeLessThan(1_000);
    }
  });

  it('is not fooled by brackets inside quoted strings and comments', () => {
    const text = `${HEAD}description: "${'['.repeat(200)}"\n# ${'{'.repeat(200)}\n${TOOL}`;
    expect(parseSpec(text).errors).toEqual([]);
  });
});
