/**
 * The goldens are real code: every golden project is written to disk and type-checked with the same tsc
 * and strict settings a user gets (node_modules linked to the factory's), in one compiler run. The notes
 * example (SQLite, no outside service) is then built and its own generated test suite run with node --test.
 */
import { execFile } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { plan } from '../../src/generator/plan.js';
import { write } from '../../src/generator/write.js';
import { goldenSpecs, ROOT, scratchDir, specFile, TEMPLATES } from './helpers.js';

const run = promisify(execFile);
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

describe('generated projects compile', () => {
  const dir = scratchDir('typecheck');
  const projects = goldenSpecs();

  beforeAll(async () => {
    for (const { name, path } of projects) await write(plan(specFile(path), TEMPLATES), join(dir, name));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    // One compiler run over every project, each with its own compiler options copied from its tsconfig.
    const base = JSON.parse(readFileSync(join(dir, 'notes', 'tsconfig.json'), 'utf8'));
    const include = projects.flatMap(({ name }) => [`${name}/src`, `${name}/test`]);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ ...base, compilerOptions: { ...base.compilerOptions, noEmit: true }, include }),
    );
  });

  test('tsc --noEmit passes for every golden project', async () => {
    const result = await run(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { cwd: dir }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }),
    );
    expect(result.stdout).toBe('');
  }, 240_000);
});

describe('the notes example passes its own test suite', () => {
  const dir = join(scratchDir('e2e'), 'notes');

  test('npm test (tsc, then node --test) passes: every tool works in both eras', async () => {
    await write(plan(specFile(join(ROOT, 'examples', 'notes.yaml')), TEMPLATES), dir);
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    await run(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { cwd: dir });
    const { stdout } = await run(
      process.execPath,
      ['--test', '--test-reporter=tap', 'dist/test/tools.test.js'],
      {
        cwd: dir,
      },
    );
    expect(stdout).toMatch(/^# fail 0$/m);
    expect(stdout).toMatch(/^# todo 0$/m);
    // 4 tools × 2 checks × 2 eras + listing per era + HTTP listing per era; only the two auth checks skip.
    expect(stdout).toMatch(/^# pass 20$/m);
    expect(stdout).toMatch(/^# skipped 2$/m);
  }, 240_000);
});
