/** `mcp-create --prompt`, run in-process as a user types it: draft file, generation, catalogue, dry run, refusals. */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/index.js';
import { cli } from '../helpers/run-cli.js';

const SEED =
  'Create an MCP server that connects to our PostgreSQL inventory database, has tools for search_products, ' +
  'get_stock_level, update_inventory, requires API key authentication and returns results paginated at 50 items';

let dir: string;
let env: Record<string, string>;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-prompt-'));
  env = { MCP_FACTORY_HOME: join(dir, 'home') };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const create = (...args: string[]) => cli(['create', ...args], { cwd: dir, env });

describe('mcp-create --prompt', () => {
  it('writes the drafted YAML, generates the project and catalogues it as --spec does', async () => {
    const run = await create('--prompt', SEED);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Drafted inventory-mcp\.mcp\.yaml with the offline provider/);
    expect(run.stdout).toMatch(/Open questions \(answer them in inventory-mcp\.mcp\.yaml at the path shown/);
    expect(run.stdout).toMatch(/^ {2}tools\[0\]\.implementation: what does search_products run/m);
    expect(run.stdout).toMatch(/Catalogued inventory-mcp 0\.1\.0/);
    const yaml = readFileSync(join(dir, 'inventory-mcp.mcp.yaml'), 'utf8');
    expect(parseSpec(yaml).errors).toEqual([]);
    expect(yaml).toContain('# inferred:');
    expect(existsSync(join(dir, 'inventory-mcp', 'src', 'handlers', 'get_stock_level.ts'))).toBe(true);
    const list = await cli(['list', '--json'], { cwd: dir, env });
    expect(JSON.stringify(list.json())).toContain('inventory-mcp');
  });

  it('--dry-run --json prints one object with the normalized spec, questions, provider and warnings; writes nothing', async () => {
    const run = await create('--prompt', SEED, '--dry-run', '--json');
    expect(run.code).toBe(0);
    const out = run.json<{
      spec: { tools: { name: string }[]; auth: { envVar: string } };
      provider: string;
    }>();
    expect(Object.keys(out).sort()).toEqual(['provider', 'questions', 'spec', 'warnings']);
    expect(out.provider).toBe('offline');
    expect(out.spec.tools.map((t) => t.name)).toEqual([
      'search_products',
      'get_stock_level',
      'update_inventory',
    ]);
    expect(out.spec.auth.envVar).toBe('MCP_API_KEYS');
    expect(existsSync(join(dir, 'inventory-mcp.mcp.yaml'))).toBe(false);
    expect(existsSync(join(dir, 'inventory-mcp'))).toBe(false);
  });

  it('--dry-run prints the drafted YAML and which provider drafted it', async () => {
    const run = await create('--prompt', SEED, '--dry-run');
    expect(run.stdout).toMatch(/^# yaml-language-server/);
    expect(run.stdout).toMatch(/\(drafted by offline; nothing written\)/);
  });

  it('exits 1 with an example of a useful prompt when there is nothing to build', async () => {
    const run = await create('--prompt', 'make it good');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/nothing to build from this prompt/);
    expect(run.stderr).toMatch(/e\.g\.\n {2}mcp-create --prompt "/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('never overwrites a drafted file the user may have edited', async () => {
    expect((await create('--prompt', SEED)).code).toBe(0);
    const again = await create('--prompt', SEED);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/inventory-mcp\.mcp\.yaml already exists/);
  });

  it('refuses --prompt together with --spec, and an unknown provider', async () => {
    expect((await create('--prompt', SEED, '--spec', 'x.yaml')).code).toBe(2);
    const unknown = await create('--prompt', SEED, '--provider', 'gemini', '--dry-run');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown provider "gemini"/);
  });
});
