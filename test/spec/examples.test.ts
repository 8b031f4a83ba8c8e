/** The examples in examples/ are the documentation users copy from: they must stay valid (or, for the seed, invalid). */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSpec } from '../../src/spec/index.js';
import { buildJsonSchema } from '../../src/spec/json-schema.js';

const example = (name: string) => new URL(`../../examples/${name}`, import.meta.url).pathname;
const VALID = ['inventory.yaml', 'notes.yaml', 'github.yaml'];

describe('examples', () => {
  it.each(VALID)('%s is valid with no warnings', async (name) => {
    const result = await loadSpec(example(name));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.spec).toBeDefined();
  });

  it.each([...VALID, 'design-seed.yaml'])('%s points editors at the JSON Schema', async (name) => {
    const text = await readFile(example(name), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/mcp-spec.schema.json');
  });

  it.each(VALID)('%s also passes the generated JSON Schema (what editors check)', async (name) => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(buildJsonSchema());
    const value = parse(await readFile(example(name), 'utf8'));
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the design seed fails, naming sync_catalog and refresh_cache with their lines', async () => {
    const result = await loadSpec(example('design-seed.yaml'));
    expect(result.spec).toBeUndefined();
    const unknown = result.errors.filter((e) => e.rule === 'unknown-tool');
    expect(unknown.map((e) => [e.path, e.message.match(/`(\w+)`/)?.[1]])).toEqual([
      ['triggers[0].tool', 'sync_catalog'],
      ['triggers[1].tool', 'refresh_cache'],
    ]);
    const text = await readFile(example('design-seed.yaml'), 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('tool: sync_catalog')) + 1;
    expect(unknown[0]!.line).toBe(line);
    expect(result.warnings.map((w) => w.rule)).toEqual(['auth-transport', 'unsigned-webhook']);
  });

  // The design document lives in shared/, beside the repository (not part of a clone on its own).
  const designDoc = new URL('../../../shared/reference/mcp-factory-design.md', import.meta.url).pathname;
  it.skipIf(!existsSync(designDoc))(
    'the design seed is the design document’s YAML, line for line',
    async () => {
      // Trailing spaces are the only difference allowed: the formatter (biome) strips them from YAML.
      const lines = (text: string) => text.split('\n').map((line) => line.trimEnd());
      const doc = await readFile(designDoc, 'utf8');
      const seed = lines(/```yaml\n([\s\S]*?)```/.exec(doc)![1]!);
      const text = lines(await readFile(example('design-seed.yaml'), 'utf8'));
      expect(text.slice(-seed.length)).toEqual(seed);
    },
  );
});
