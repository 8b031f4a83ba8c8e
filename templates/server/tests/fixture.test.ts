/**
 * The fixture is what the generator should emit: it must type-check on its own (strict, as a generated
 * project would), and its own `node --test` suite must pass using the harness, with no vitest involved.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_DIR, FIXTURE_ENTRY, REPO_ROOT, TSX_LOADER, tempDir } from './helpers.js';

const run = promisify(execFile);
const dir = tempDir('fixture');
afterAll(() => dir.remove());

describe('notes fixture', () => {
  it('type-checks as a standalone project', { timeout: 120_000 }, async () => {
    const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [
      tsc,
      '--noEmit',
      '-p',
      join(FIXTURE_DIR, 'tsconfig.json'),
    ]).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error), failed: true }));
    expect(result.stdout).toBe('');
  });

  it('passes its own node:test suite through the harness', { timeout: 180_000 }, async () => {
    const command = JSON.stringify(['node', '--import', TSX_LOADER, FIXTURE_ENTRY]);
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        TSX_LOADER,
        '--test',
        '--test-reporter=tap',
        join(FIXTURE_DIR, 'test', 'tools.node-test.ts'),
      ],
      { cwd: dir.path, env: { ...process.env, MCP_TEST_SERVER_COMMAND: command }, timeout: 170_000 },
    );
    expect(stdout).toMatch(/# pass 4/);
    expect(stdout).toMatch(/# fail 0/);
  });
});
