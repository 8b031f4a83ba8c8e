import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  const io = {
    stdout: (t: string) => out.push(t),
    stderr: (t: string) => err.push(t),
    isTTY: false,
    cwd: process.cwd(),
    env: {},
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

describe('CLI edge', () => {
  it('generates --help from the command definitions', async () => {
    const c = capture();
    expect(await runCli(['--help'], c.io)).toBe(0);
    expect(c.out()).toContain('Usage: mcp-factory');
  });

  it('exits 2 with a usage message for an unknown command', async () => {
    const c = capture();
    expect(await runCli(['frobnicate'], c.io)).toBe(2);
    expect(c.err()).toMatch(/unknown command 'frobnicate'/);
  });

  it('reports usage errors as JSON with --json', async () => {
    const c = capture();
    expect(await runCli(['frobnicate', '--json'], c.io)).toBe(2);
    expect(JSON.parse(c.out())).toMatchObject({ error: { code: 'USAGE' } });
  });
});
