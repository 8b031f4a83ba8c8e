import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.js';

const run = (...argv: string[]) => cli(argv, { cwd: process.cwd(), env: {} });

describe('CLI edge', () => {
  it('generates --help from the command definitions', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: mcp-factory');
  });

  it('exits 2 with a usage message for an unknown command', async () => {
    const unknown = await run('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('reports usage errors as JSON with --json', async () => {
    const unknown = await run('frobnicate', '--json');
    expect(unknown.code).toBe(2);
    expect(unknown.json()).toMatchObject({ error: { code: 'USAGE' } });
  });
});
