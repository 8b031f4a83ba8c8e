import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { cli } from '../helpers/run-cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
const home = mkdtempSync(join(tmpdir(), 'mcpf-cli-main-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

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
    expect(unknown.stderr).toBe('');
  });

  it('prints the factory version for --version, -V and `version`', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const argv of [['--version'], ['-V'], ['version']]) {
      const printed = await run(...argv);
      expect(printed).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
    expect((await run('version', '--json')).json()).toEqual({ version });
  });

  it('keeps --version on deploy as the server version to deploy, and names the real defaults', async () => {
    const help = (await run('deploy', '--help')).stdout.replace(/\s+/g, ' ');
    expect(help).toMatch(/--version <version> the server version to deploy/);
    expect(help).toContain(`default node:${process.versions.node.split('.')[0]}-slim`);
    expect(help).not.toMatch(/Swarm/);
  });

  it('treats a declined confirmation as a cancellation, not a usage error', async () => {
    const err: string[] = [];
    const code = await runCli(['remove', 'notes'], {
      stdout: () => {},
      stderr: (text) => err.push(text),
      isTTY: true,
      cwd: home,
      env: { MCP_FACTORY_HOME: home },
      ask: async () => false,
    });
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/error\[CANCELLED\]: cancelled: notes was not removed/);
    const piped = await cli(['remove', 'notes'], { cwd: home, env: { MCP_FACTORY_HOME: home } });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toMatch(/pass --force/);
  });

  it('stops quietly when the reader of its output goes away (EPIPE)', async () => {
    // `mcp-factory help create | head -1`: the shell closes the pipe after one line.
    const script = `node --import tsx -e "import('./src/cli/main.ts').then((c) => c.main(['help', 'create']))" | head -c 1`;
    for (let attempt = 0; attempt < 3; attempt++) {
      const stderr = await new Promise<string>((done) => {
        execFile(
          'bash',
          ['-o', 'pipefail', '-c', `${script} >/dev/null`],
          { cwd: ROOT },
          (_error, _out, err) => done(err),
        );
      });
      expect(stderr).not.toMatch(/EPIPE|at .*\.(ts|js):\d+/);
    }
  });
});
