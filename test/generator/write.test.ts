/**
 * write / check on a real folder: first create, regenerate after spec changes (handlers kept, changes
 * reported, stale generated files removed), --check, and refusing folders that are not ours.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FactoryError } from '../../src/errors.js';
import { check } from '../../src/generator/check.js';
import { MANIFEST_PATH } from '../../src/generator/manifest.js';
import { plan } from '../../src/generator/plan.js';
import type { GenerationPlan } from '../../src/generator/types.js';
import { write } from '../../src/generator/write.js';
import { scratchDir, specFrom, TEMPLATES } from './helpers.js';

function planFor(tools: object[], description = 'A test server.'): GenerationPlan {
  return plan(specFrom(JSON.stringify({ name: 'regen', version: '1.0.0', description, tools })), TEMPLATES);
}

const greet = {
  name: 'greet',
  description: 'Say hello.',
  parameters: { who: { type: 'string', required: true } },
};
const shout = { name: 'shout', description: 'Say it loud.' };
const root = scratchDir('write');

async function expectCode(promise: Promise<unknown>, code: string): Promise<FactoryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FactoryError);
  expect((error as FactoryError).code).toBe(code);
  return error as FactoryError;
}

describe('write', () => {
  test('creates a project with a manifest, and is a no-op when nothing changed', async () => {
    const dir = join(root, 'create');
    const first = planFor([greet]);
    const result = await write(first, dir);
    expect(result.created).toBe(true);
    expect(result.added).toEqual(first.files.map((f) => f.path));
    expect(existsSync(join(dir, MANIFEST_PATH))).toBe(true);
    for (const file of first.files) expect(readFileSync(join(dir, file.path), 'utf8')).toBe(file.content);
    // No temporary sibling is left behind.
    expect(readdirSync(root).filter((n) => n.includes('mcp-factory'))).toEqual([]);

    const again = await write(first, dir);
    expect(again).toMatchObject({ created: false, added: [], changed: [], removed: [] });
    expect(again.kept).toEqual(['src/handlers/greet.ts']);
    expect((await check(first, dir)).stale).toBe(false);
  });

  test('regenerating keeps handlers, reports changes and removes generated files that left the plan', async () => {
    const dir = join(root, 'regen');
    await write(planFor([greet, shout]), dir);
    const mine = 'export default async function handler() { return { hello: "mine" }; }\n';
    writeFileSync(join(dir, 'src/handlers/greet.ts'), mine);

    const next = planFor([{ ...greet, description: 'Say hello, politely.' }], 'Changed.');
    const stale = await check(next, dir);
    expect(stale.stale).toBe(true);
    expect(stale.changed).toContain('src/tools/greet.ts');
    expect(stale.removed).toContain('src/tools/shout.ts');

    const result = await write(next, dir);
    expect(result.created).toBe(false);
    expect(result.changed).toEqual(
      expect.arrayContaining(['src/tools/greet.ts', 'README.md', 'mcp.spec.yaml']),
    );
    expect(result.changed).not.toContain('src/handlers/greet.ts');
    expect(result.removed).toEqual(['src/tools/shout.ts']);
    expect(result.kept).toEqual(['src/handlers/greet.ts']);
    expect(result.orphaned).toEqual(['src/handlers/shout.ts']);
    expect(readFileSync(join(dir, 'src/handlers/greet.ts'), 'utf8')).toBe(mine);
    expect(existsSync(join(dir, 'src/tools/shout.ts'))).toBe(false);
    expect(existsSync(join(dir, 'src/handlers/shout.ts'))).toBe(true);
    expect((await check(next, dir)).stale).toBe(false);
  });

  test('a hand-edited generated file is reported by check and restored by write', async () => {
    const dir = join(root, 'edited');
    const generation = planFor([greet]);
    await write(generation, dir);
    writeFileSync(join(dir, 'src/tools/greet.ts'), '// edited by hand\n');
    expect(await check(generation, dir)).toMatchObject({ stale: true, changed: ['src/tools/greet.ts'] });
    expect((await write(generation, dir)).changed).toEqual(['src/tools/greet.ts']);
    expect(readFileSync(join(dir, 'src/tools/greet.ts'), 'utf8')).toBe(
      generation.files.find((f) => f.path === 'src/tools/greet.ts')?.content,
    );
  });

  test('a deleted handler is written again', async () => {
    const dir = join(root, 'deleted');
    const generation = planFor([greet]);
    await write(generation, dir);
    rmSync(join(dir, 'src/handlers/greet.ts'));
    expect((await write(generation, dir)).added).toEqual(['src/handlers/greet.ts']);
  });

  test('an existing empty folder is filled in place', async () => {
    const dir = join(root, 'empty');
    mkdirSync(dir);
    expect((await write(planFor([greet]), dir)).created).toBe(true);
    expect(existsSync(join(dir, 'src/tools/greet.ts'))).toBe(true);
  });

  test('refuses a non-empty folder that is not a generated project', async () => {
    const dir = join(root, 'foreign');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const error = await expectCode(write(planFor([greet]), dir), 'OUTPUT_CONFLICT');
    expect(error.message).toContain('not generated by mcp-factory');
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    expect((await check(planFor([greet]), dir)).stale).toBe(true);
  });

  test('refuses a project generated for another server', async () => {
    const dir = join(root, 'other');
    await write(planFor([greet]), dir);
    const other = plan(
      specFrom(JSON.stringify({ name: 'other', version: '1.0.0', tools: [greet] })),
      TEMPLATES,
    );
    await expectCode(write(other, dir), 'OUTPUT_CONFLICT');
  });

  test('never overwrites a file the manifest does not know', async () => {
    const dir = join(root, 'unknown-file');
    await write(planFor([greet]), dir);
    mkdirSync(join(dir, 'src/tools'), { recursive: true });
    writeFileSync(join(dir, 'src/tools/shout.ts'), '// my own file\n');
    const error = await expectCode(write(planFor([greet, shout]), dir), 'OUTPUT_CONFLICT');
    expect(error.hint).toContain('src/tools/shout.ts');
    expect(readFileSync(join(dir, 'src/tools/shout.ts'), 'utf8')).toBe('// my own file\n');
  });

  test('a manifest cannot make write delete outside the project', async () => {
    const dir = join(root, 'tampered');
    await write(planFor([greet]), dir);
    writeFileSync(join(root, 'victim.txt'), 'keep me');
    const manifest = JSON.parse(readFileSync(join(dir, MANIFEST_PATH), 'utf8'));
    manifest.files['../victim.txt'] = { ownership: 'generated', sha256: 'x' };
    writeFileSync(join(dir, MANIFEST_PATH), JSON.stringify(manifest));
    await expectCode(write(planFor([greet]), dir), 'OUTPUT_CONFLICT');
    expect(readFileSync(join(root, 'victim.txt'), 'utf8')).toBe('keep me');
  });

  test('a failed first write leaves nothing behind', async () => {
    const dir = join(root, 'failed');
    const good = planFor([greet]);
    // A file and a folder with the same path cannot both be written.
    const broken: GenerationPlan = {
      ...good,
      files: [...good.files, { path: 'README.md/oops.txt', content: 'x', ownership: 'generated' }],
    };
    await expectCode(write(broken, dir), 'RUNTIME_FAILED');
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(root).filter((n) => n.includes('mcp-factory'))).toEqual([]);
  });
});
