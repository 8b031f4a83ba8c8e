/** `mcp-factory create` in-process through runCli: create, regenerate, --check, --dry-run, --json, errors. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli as runCli } from '../helpers/run-cli.js';
import { ROOT, scratchDir } from './helpers.js';

async function cli(cwd: string, ...args: string[]) {
  // The factory's own state (the catalogue `create` records into) stays inside the scratch folder.
  const env = { MCP_FACTORY_HOME: join(cwd, '.factory-home') };
  const run = await runCli(['create', ...args], { cwd, env });
  return { code: run.code, out: run.stdout, err: run.stderr };
}

const NOTES = join(ROOT, 'examples', 'notes.yaml');

describe('mcp-factory create', () => {
  const cwd = scratchDir('create-cli');

  test('creates ./<name> by default, lists the files and the next step', async () => {
    const result = await cli(cwd, '--spec', NOTES);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Created notes \(\d+ files\) in \d+ ms$/m);
    expect(result.out).toContain('  + src/tools/add_note.ts');
    expect(result.out).toContain('Next: cd notes && npm install && npm test');
    expect(readFileSync(join(cwd, 'notes', 'mcp.spec.yaml'), 'utf8')).toContain('name: notes');
  });

  test('inside the project, its own mcp.spec.yaml regenerates it unchanged', async () => {
    const project = join(cwd, 'notes');
    const check = await cli(project, '--spec', 'mcp.spec.yaml', '--out', '.', '--check');
    expect(check).toMatchObject({ code: 0, out: '. is up to date\n' });
    const again = await cli(project, '--spec', 'mcp.spec.yaml', '--out', '.');
    expect(again.code).toBe(0);
    expect(again.out).toMatch(/^\. is already up to date$/m);
  });

  test('--check: up to date (exit 0), then stale after a spec change (exit 1, files listed)', async () => {
    expect(await cli(cwd, '--spec', NOTES, '--check')).toMatchObject({
      code: 0,
      out: 'notes is up to date\n',
    });
    // A changed spec is a new version (the catalogue refuses one version number with two specs).
    const changed = readFileSync(NOTES, 'utf8')
      .replace('Read one note by id.', 'Read a note.')
      .replace('version: 1.0.0', 'version: 1.0.1');
    writeFileSync(join(cwd, 'changed.yaml'), changed);
    const stale = await cli(cwd, '--spec', 'changed.yaml', '--out', 'notes', '--check', '--json');
    expect(stale.code).toBe(1);
    const body = JSON.parse(stale.out);
    expect(body).toMatchObject({ status: 'checked', stale: true });
    expect(body.changed).toEqual(
      expect.arrayContaining(['src/tools/get_note.ts', 'README.md', 'package.json']),
    );

    const update = await cli(cwd, '--spec', 'changed.yaml', '--out', 'notes');
    expect(update.code).toBe(0);
    expect(update.out).toMatch(/^Updated notes: \d+ files in \d+ ms$/m);
    expect(update.out).toContain('  ~ src/tools/get_note.ts');
  });

  test('--dry-run prints the plan and writes nothing', async () => {
    const result = await cli(cwd, '--spec', NOTES, '--out', 'dry', '--dry-run');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^Would generate \d+ files for notes 1\.0\.0 in dry:/);
    expect(result.out).toMatch(/generated {2}src\/tools\/add_note\.ts \(\d+ bytes\)/);
    const json = JSON.parse((await cli(cwd, '--spec', NOTES, '--out', 'dry', '--dry-run', '--json')).out);
    expect(json.plan.files.length).toBeGreaterThan(10);
    expect(() => readFileSync(join(cwd, 'dry', 'package.json'))).toThrow();
  });

  test('--spec-json takes the spec inline', async () => {
    const spec = JSON.stringify({ name: 'inline', version: '1.0.0', tools: [{ name: 'hello' }] });
    const result = await cli(cwd, '--spec-json', spec, '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.out)).toMatchObject({ status: 'written', created: true });
    expect(readFileSync(join(cwd, 'inline', 'src', 'handlers', 'hello.ts'), 'utf8')).toContain(
      'NOT_IMPLEMENTED_MARKER',
    );
  });

  test('an invalid spec prints diagnostics like validate and exits 1, writing nothing', async () => {
    const bad = JSON.stringify({
      name: 'bad',
      version: '1.0.0',
      tools: [{ name: 'x', parameters: { q: { type: 'strin' } } }],
    });
    const result = await cli(cwd, '--spec-json', bad);
    expect(result.code).toBe(1);
    expect(result.out).toContain('<--spec-json>:1:');
    expect(result.out).toContain('did you mean `string`?');
    expect(() => readFileSync(join(cwd, 'bad', 'package.json'))).toThrow();
  });

  test('refuses a folder it did not generate (exit 1, OUTPUT_CONFLICT) and usage errors (exit 2)', async () => {
    writeFileSync(join(cwd, 'README.txt'), 'not a project');
    const conflict = await cli(cwd, '--spec', NOTES, '--out', '.');
    expect(conflict.code).toBe(1);
    expect(conflict.err).toContain('error[OUTPUT_CONFLICT]');
    expect((await cli(cwd)).code).toBe(2);
    expect((await cli(cwd, '--spec', NOTES, '--spec-json', '{}')).code).toBe(2);
    expect((await cli(cwd, '--spec', 'missing.yaml')).code).toBe(2);
  });
});
