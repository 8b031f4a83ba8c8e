/** Shared helpers for generator tests: parse specs the way `create` does, and scratch folders. */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll } from 'vitest';
import { loadTemplates } from '../../src/generator/templates.js';
import type { TemplateFiles } from '../../src/generator/types.js';
import { parseSpec, type ServerSpec } from '../../src/spec/index.js';

export const ROOT = join(import.meta.dirname, '..', '..');
export const TEMPLATES: TemplateFiles = loadTemplates(ROOT);

/** A spec from text (YAML or JSON); fails the test with the diagnostics when it is invalid. */
export function specFrom(text: string, label = 'spec'): ServerSpec {
  const result = parseSpec(text, { file: label });
  if (!result.spec) {
    throw new Error(
      `${label} is invalid:\n${result.errors.map((e) => `${e.path}: ${e.message}`).join('\n')}`,
    );
  }
  return result.spec;
}

export function specFile(path: string): ServerSpec {
  return specFrom(readFileSync(path, 'utf8'), path);
}

/** Specs of our own: hostile strings and names; file tools behind OAuth. */
const FIXTURES = ['hostile', 'files-oauth'];

/** Every spec under examples/ that is valid (design-seed.yaml is invalid on purpose), plus our fixtures. */
export function goldenSpecs(): { name: string; path: string }[] {
  const examples = readdirSync(join(ROOT, 'examples'))
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .map((f) => ({ name: basename(f).replace(/\.(ya?ml|json)$/, ''), path: join(ROOT, 'examples', f) }))
    .filter(({ path }) => parseSpec(readFileSync(path, 'utf8')).spec !== undefined);
  const fixtures = FIXTURES.map((name) => ({
    name,
    path: join(import.meta.dirname, 'fixtures', `${name}.json`),
  }));
  return [...examples, ...fixtures];
}

/** A temporary folder removed after the test file. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `mcpf-${prefix}-`));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
