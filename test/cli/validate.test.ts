/** `mcp-factory validate` run in-process through runCli: output format, --json shape, --plan, exit codes. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.js';

const ROOT = new URL('../..', import.meta.url).pathname;

async function validate(...args: string[]) {
  const run = await cli(['validate', ...args], { cwd: ROOT, env: {} });
  return { code: run.code, out: run.stdout, err: run.stderr };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-validate-'));
  await writeFile(join(dir, 'bad.yaml'), 'name: s\nversion: "1.0"\ntool:\n  - name: t\n');
  await writeFile(
    join(dir, 'warn.yaml'),
    'name: s\nversion: 1.0.0\nauth: { type: bearer }\ntools:\n  - name: t\n',
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mcp-factory validate', () => {
  it('exits 0 on a valid spec and says so', async () => {
    const { code, out } = await validate('examples/notes.yaml');
    expect(code).toBe(0);
    expect(out.trim()).toBe('examples/notes.yaml: valid');
  });

  it('exits 1 and prints file:line:col diagnostics with hints and a summary', async () => {
    const file = join(dir, 'bad.yaml');
    const { code, out } = await validate(file);
    expect(code).toBe(1);
    expect(out).toContain(`${file}:3:1: error: unknown key \`tool\` [tool]\n  hint: did you mean \`tools\`?`);
    expect(out).toContain(`${file}:1:1: error: missing required key \`tools\``);
    expect(out.trim().split('\n').at(-1)).toBe(`${file}: invalid: 2 errors`);
  });

  it('names sync_catalog for the design seed', async () => {
    const { code, out } = await validate('examples/design-seed.yaml');
    expect(code).toBe(1);
    expect(out).toMatch(/^examples\/design-seed\.yaml:\d+:\d+: error: .*`sync_catalog`/m);
    expect(out).toMatch(/warning: auth `api_key` has no effect on the stdio transport/);
  });

  it('exits 0 with warnings shown', async () => {
    const { code, out } = await validate(join(dir, 'warn.yaml'));
    expect(code).toBe(0);
    expect(out).toMatch(/:3:7: warning: auth `bearer` has no effect/);
    expect(out).toMatch(/: valid, 1 warning$/m);
  });

  it('exits 2 when the file cannot be read', async () => {
    const { code, err } = await validate('no/such/spec.yaml');
    expect(code).toBe(2);
    expect(err).toMatch(/error\[INPUT_UNREADABLE\]: cannot read spec .*no such file/);
  });

  it('exits 2 with a JSON error body when the file cannot be read and --json is given', async () => {
    const { code, out } = await validate('no/such/spec.yaml', '--json');
    expect(code).toBe(2);
    expect(JSON.parse(out)).toMatchObject({ error: { code: 'INPUT_UNREADABLE' } });
  });

  it('--json prints {valid, errors, warnings} for an invalid spec, without spec', async () => {
    const { code, out } = await validate(join(dir, 'bad.yaml'), '--json');
    expect(code).toBe(1);
    const body = JSON.parse(out);
    expect(Object.keys(body).sort()).toEqual(['errors', 'valid', 'warnings']);
    expect(body.valid).toBe(false);
    expect(body.errors).toContainEqual({
      severity: 'error',
      rule: 'structure',
      path: 'tool',
      line: 3,
      column: 1,
      message: 'unknown key `tool`',
      hint: 'did you mean `tools`?',
    });
  });

  it('--json includes the normalized spec when valid', async () => {
    const { code, out } = await validate('examples/inventory.yaml', '--json');
    expect(code).toBe(0);
    const body = JSON.parse(out);
    expect(body).toMatchObject({ valid: true, errors: [], warnings: [] });
    expect(body.spec.tools[0]).toMatchObject({
      name: 'search_products',
      annotations: { readOnly: true, destructive: false },
      pagination: { pageSize: 50, maxPageSize: 500 },
    });
  });

  it('--plan summarizes what would be generated', async () => {
    const { code, out } = await validate('examples/inventory.yaml', '--plan');
    expect(code).toBe(0);
    expect(out).toContain('Would generate:\ninventory-mcp 1.0.0');
    expect(out).toMatch(/transport: +http on 127\.0\.0\.1:3001/);
    expect(out).toMatch(/auth: +api_key \(header X-API-Key, keys in MCP_API_KEYS\)/);
    expect(out).toMatch(/inventory_db +postgresql env DATABASE_URL/);
    expect(out).toMatch(/search_products +sql on inventory_db, read-only, paginated 50 \(max 500\)/);
    expect(out).toContain('cron "0 */6 * * *" (UTC) → sync_catalog');
    expect(out).toContain('webhook POST /inventory-update (signed) → refresh_cache');
  });

  it('--plan on an invalid spec prints only the diagnostics', async () => {
    const { code, out } = await validate(join(dir, 'bad.yaml'), '--plan');
    expect(code).toBe(1);
    expect(out).not.toContain('Would generate');
  });
});
