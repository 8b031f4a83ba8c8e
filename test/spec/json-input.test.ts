/** JSON of the same shape as the YAML is accepted, and its diagnostics carry real lines and columns. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseSpec } from '../../src/spec/index.js';
import { hasCleanKeys } from '../../src/spec/json-fast-path.js';

describe('JSON input', () => {
  it('parses a JSON spec (tab-indented too) to the same spec as its YAML', async () => {
    const yamlText = await readFile(new URL('../../examples/notes.yaml', import.meta.url), 'utf8');
    const fromYaml = parseSpec(yamlText);
    for (const indent of [2, '\t']) {
      const fromJson = parseSpec(JSON.stringify(parse(yamlText), null, indent));
      expect(fromJson.errors).toEqual([]);
      expect(fromJson.spec).toEqual(fromYaml.spec);
    }
  });

  it('reports problems in JSON with their line and column', () => {
    const text = JSON.stringify(
      {
        name: 's',
        version: '1.0.0',
        tools: [{ name: 't', parameters: { q: { type: 'strng' } } }],
        triggers: [{ type: 'startup', tool: 'nope' }],
      },
      null,
      2,
    );
    const result = parseSpec(text);
    const lines = text.split('\n');
    const typeLine = lines.findIndex((l) => l.includes('"strng"')) + 1;
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: 'tools[0].parameters.q.type',
        line: typeLine,
        column: lines[typeLine - 1]!.indexOf('"strng"') + 1,
        hint: 'did you mean `string`?',
      }),
    ]);
  });

  it('runs the semantic rules on JSON with positions', () => {
    const text =
      '{\n  "name": "s",\n  "version": "1.0.0",\n  "tools": [{ "name": "t" }],\n  "triggers": [\n    { "type": "startup", "tool": "nope" }\n  ]\n}\n';
    const result = parseSpec(text);
    const column = text.split('\n')[5]!.indexOf('"nope"') + 1;
    expect(result.errors).toEqual([
      expect.objectContaining({ rule: 'unknown-tool', path: 'triggers[0].tool', line: 6, column }),
    ]);
  });

  it('reports a JSON syntax error with its line', () => {
    const result = parseSpec('{\n  "name": "s",\n  "version": "1.0.0"\n  "tools": []\n}\n');
    expect(result.spec).toBeUndefined();
    expect(result.errors[0]).toMatchObject({ rule: 'yaml-syntax' });
    expect(result.errors[0]!.line).toBeGreaterThanOrEqual(3);
  });

  it('reports a duplicate key in JSON with its line (JSON.parse alone would keep the last silently)', () => {
    const text =
      '{\n  "name": "s",\n  "version": "1.0.0",\n  "tools": [{ "name": "t" }],\n  "name": "again"\n}\n';
    expect(parseSpec(text).errors).toEqual([
      expect.objectContaining({ rule: 'duplicate-key', path: 'name', line: 5, column: 3 }),
    ]);
  });

  it.each(['"__proto__"', '"\\u005f_proto__"', '"constructor"'])(
    'reports the forbidden key %s in JSON',
    (key) => {
      const text = `{\n  "name": "s",\n  "version": "1.0.0",\n  "tools": [{ "name": "t", ${key}: { "x": 1 } }]\n}\n`;
      const result = parseSpec(text);
      expect(result.errors.map((e) => [e.rule, e.line])).toEqual([['forbidden-key', 4]]);
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    },
  );
});

describe('hasCleanKeys (the JSON fast path guard)', () => {
  it.each([
    ['{"a": 1, "b": {"a": 2}}', true],
    ['{"a": "x,\\"a\\": 1", "b": [{"a": 1}, {"a": 2}]}', true],
    ['{"a": 1, "a": 2}', false],
    ['{"a": {"b": 1, "b": 2}}', false],
    ['{"__proto__": {}}', false],
    ['{"a": [1, 2}', false],
  ])('%s → %s', (text, want) => {
    expect(hasCleanKeys(text)).toBe(want);
  });
});
