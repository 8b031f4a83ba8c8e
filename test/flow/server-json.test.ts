/** `export` writes the official registry server.json; `import` catalogues an external server that mcp-test can call. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.js';

const work = mkdtempSync(join(tmpdir(), 'mcp-serverjson-'));
const env = { ...process.env, MCP_FACTORY_HOME: join(work, 'home') };
const run = (...argv: string[]) => cli(argv, { cwd: work, env });

describe('server.json export and import', () => {
  let endpoint = '';
  beforeAll(async () => {
    expect((await run('create', '--spec', resolve('examples/notes.yaml'), '--out', 'notes')).code).toBe(0);
    const deployed = await run('deploy', 'notes', '--transport', 'http', '--json');
    expect(deployed.code, deployed.stderr).toBe(0);
    endpoint = deployed.json<{ deployment: { endpoint: string } }>().deployment.endpoint;
  }, 90_000);

  afterAll(async () => {
    await run('remove', 'notes', '--force');
    rmSync(work, { recursive: true, force: true });
  });

  it('exports a catalogued server in the official format', async () => {
    const exported = await run('export', 'notes', '--namespace', 'io.github.example', '--json');
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.json()).toMatchObject({ name: 'io.github.example/notes', version: '1.0.0' });
    expect((await run('export', 'notes', '--out', 'server.json')).stdout).toMatch(/wrote .*server\.json/);
  });

  it('imports an external server that can then be listed and called at its remote URL', async () => {
    const document = {
      $schema: 'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json',
      name: 'io.example/remote-notes',
      description: 'Notes, served elsewhere.',
      version: '2.0.0',
      remotes: [{ type: 'streamable-http', url: endpoint }],
    };
    writeFileSync(join(work, 'remote.json'), JSON.stringify(document));
    const imported = await run('import', 'remote.json', '--json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.json()).toMatchObject({ name: 'remote-notes', version: '2.0.0', created: true });

    const list = await run('list', '--json');
    const names = list
      .json<{ servers: { name: string; kind: string }[] }>()
      .servers.map((s) => [s.name, s.kind]);
    expect(names).toEqual(expect.arrayContaining([['remote-notes', 'external']]));
    const page = async (offset: string) =>
      (await run('list', '--limit', '1', '--offset', offset, '--json')).json<{
        servers: { name: string }[];
      }>().servers;
    const [first, second] = [await page('0'), await page('1')];
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(first[0]?.name).not.toBe(second[0]?.name);

    const called = await run('test', 'remote-notes', 'add_note', '{"title":"from afar"}', '--json');
    expect(called.code, called.stdout + called.stderr).toBe(0);
    expect(called.json()).toMatchObject({ structuredContent: { title: 'from afar' }, via: { endpoint } });
    expect((await run('remove', 'remote-notes', '--force')).code).toBe(0);
  }, 60_000);

  it('refuses an invalid server.json, naming the field', async () => {
    writeFileSync(join(work, 'bad.json'), JSON.stringify({ name: 'no-namespace', version: '1.0.0' }));
    const result = await run('import', 'bad.json');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/name/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const missing = await run('import', 'nope.json');
    expect(missing.code).toBe(2);
  });
});
