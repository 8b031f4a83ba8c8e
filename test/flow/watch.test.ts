/** `deploy --watch`: a version bump in the project's mcp.spec.yaml redeploys; a change without one is refused. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'mcp-watch-'));
const env = { ...process.env, MCP_FACTORY_HOME: join(work, 'home') };
const specFile = join(work, 'notes', 'mcp.spec.yaml');
let seen = '';
const seenSoFar = () => seen;

async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}; output so far:\n${seenSoFar()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('deploy --watch', () => {
  afterAll(async () => {
    await cli(['remove', 'notes', '--force'], { cwd: work, env });
    rmSync(work, { recursive: true, force: true });
  });

  it('redeploys on a version bump and keeps the server on a change without one', async () => {
    const created = await cli(['create', '--spec', resolve('examples/notes.yaml'), '--out', 'notes'], {
      cwd: work,
      env,
    });
    expect(created.code, created.stderr).toBe(0);
    const stop = new AbortController();
    const watching = cli(['deploy', 'notes', '--watch'], {
      cwd: work,
      env,
      signal: stop.signal,
      onStdout: (t) => {
        seen += t;
      },
    });
    try {
      await until(() => seen.includes('watching for changes'), 'the first deployment');
      const original = readFileSync(specFile, 'utf8');
      writeFileSync(specFile, original.replace(/^version: 1\.0\.0$/m, 'version: 1.0.1'));
      await until(() => seen.includes('notes 1.0.1 is running'), 'the redeployment of 1.0.1');

      const bumped = readFileSync(specFile, 'utf8');
      writeFileSync(specFile, bumped.replace(/^description: .*$/m, 'description: Changed without a bump.'));
      await until(() => seen.includes('not redeployed'), 'the refusal');
      expect(seen).toMatch(/notes 1\.0\.1 already exists with a different spec/);
      const status = await cli(['status', 'notes', '--json'], { cwd: work, env });
      expect(status.json<{ deployments: { version: string; state: string }[] }>().deployments).toEqual([
        expect.objectContaining({ version: '1.0.1', state: 'running' }),
      ]);
    } finally {
      stop.abort();
    }
    const result = await watching;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/stopped watching/);
  }, 120_000);
});
