/**
 * The goldens are real code: every golden project is written to disk and compiled with the same tsc and
 * strict settings a user gets (node_modules linked to the factory's), in one compiler run. Then the
 * projects that need no outside service run their own generated test suites with node --test: every tool
 * called in both eras, invalid arguments refused, auth enforced, stubs reported as TODO.
 */
import { execFile } from 'node:child_process';
import { readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { beforeAll, describe, expect, test } from 'vitest';
import { plan } from '../../src/generator/plan.js';
import { write } from '../../src/generator/write.js';
import { goldenSpecs, ROOT, scratchDir, specFile, TEMPLATES } from './helpers.js';

/** Handler tools that name a PostgreSQL connection, stubs as generated (not a golden: no new output shape). */
const HANDLER_CONNECTION = {
  name: 'handler-connection',
  path: join(import.meta.dirname, 'fixtures', 'handler-connection.json'),
};
/** Output schemas that say "any value" (the Inspector's strict check runs on it too): compiled, not run. */
const UNTYPED_OUTPUT = {
  name: 'untyped-output',
  path: join(ROOT, 'test', 'verification', 'specs', 'untyped-output.yaml'),
};
const INVENTORY = join(ROOT, 'examples', 'inventory.yaml');

const run = promisify(execFile);
const POSTGRES = process.env.MCP_TEST_POSTGRES_URL;
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** What each self-contained project's own suite must report (tests per tool × 2 eras, plus listings). */
const SUITES: Record<string, { pass: number; skipped: number; todo: number }> = {
  // 4 SQLite tools × 2 checks × 2 eras + a paging check and a listing per era + HTTP listing per era.
  notes: { pass: 22, skipped: 2, todo: 0 },
  // 5 file tools × 2 × 2 + listings + two 401 checks; HTTP listing needs a real OAuth token.
  'files-oauth': { pass: 24, skipped: 2, todo: 0 },
  // Every tool is a stub: valid calls (and paging) are TODO, never passes; two take no arguments to get wrong.
  hostile: { pass: 10, skipped: 4, todo: 10 },
};

describe('generated projects', () => {
  const dir = scratchDir('typecheck');
  const projects = [...goldenSpecs(), HANDLER_CONNECTION, UNTYPED_OUTPUT];

  beforeAll(async () => {
    for (const { name, path } of projects) await write(plan(specFile(path), TEMPLATES), join(dir, name));
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    // One compiler run over every project, with the options of a generated tsconfig.json.
    const base = JSON.parse(readFileSync(join(dir, 'notes', 'tsconfig.json'), 'utf8'));
    const include = projects.flatMap(({ name }) => [`${name}/src`, `${name}/test`]);
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ ...base, include }));
  }, 60_000);

  test('compile with tsc (strict, as generated)', async () => {
    const result = await run(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { cwd: dir }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }),
    );
    expect(result.stdout).toBe('');
    // The compiled projects live in dist/<name>/ without their package.json: mark them as ES modules.
    writeFileSync(join(dir, 'dist', 'package.json'), '{ "type": "module" }\n');
  }, 240_000);

  test.each(Object.entries(SUITES))(
    '%s passes its own test suite',
    async (name, want) => {
      expectSuite(await suite(dir, name, {}), want);
    },
    120_000,
  );

  // inventory needs PostgreSQL: without a URL its SQL tools must be skipped, naming the variable.
  test('inventory without DATABASE_URL skips its SQL tools and says why', async () => {
    const stdout = await suite(dir, 'inventory', { DATABASE_URL: '' });
    expect(stdout).toMatch(/# SKIP skipped: set DATABASE_URL/);
    expectSuite(stdout, { pass: 12, skipped: 16, todo: 0 });
  }, 120_000);

  // Setting the variable would only reveal that the handler is not written: say that first.
  test('handler tools that name a connection are TODO, not skipped for a missing variable', async () => {
    const stdout = await suite(dir, 'handler-connection', { ORDERS_DATABASE_URL: '' });
    expect(stdout).not.toMatch(/# SKIP skipped: set/);
    expect(stdout).toMatch(/# TODO not implemented: tool "archive_orders"/);
    expectSuite(stdout, { pass: 6, skipped: 4, todo: 4 });
  }, 120_000);

  describe.skipIf(!POSTGRES)('inventory against PostgreSQL (MCP_TEST_POSTGRES_URL)', () => {
    // A schema of its own (search_path in the URL), so parallel tests never share tables.
    const schema = `mcpf_generator_${process.pid}`;
    const url = new URL(POSTGRES ?? 'postgres://unset');
    url.searchParams.set('options', `-c search_path=${schema}`);

    test('passes its own test suite with every SQL tool run when writes are allowed', async () => {
      await sql(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      try {
        const env = { DATABASE_URL: url.toString(), MCP_TEST_WRITES: '1' };
        expectSuite(await suite(dir, 'inventory', env), { pass: 24, skipped: 4, todo: 0 });
      } finally {
        await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      }
    }, 120_000);

    // The rows are ones the write tools' sample arguments reach: update_inventory's sku, a feed row to sync.
    test('leaves a real database as it was unless writes are allowed', async () => {
      await sql(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      try {
        const db = url.toString();
        const [connection] = specFile(INVENTORY).connections;
        const init = connection !== undefined && 'init' in connection ? connection.init : [];
        for (const statement of init) await sql(statement, db);
        await sql(
          "INSERT INTO products (sku, name, category, stock) VALUES ('example', 'Kept', 'food', 7)",
          db,
        );
        await sql("INSERT INTO catalog_feed VALUES ('feed-only', 'Not synced', 'food', 2)", db);
        const before = await tableRows(db);
        const stdout = await suite(dir, 'inventory', { DATABASE_URL: db, MCP_TEST_WRITES: '' });
        expect(await tableRows(db)).toEqual(before);
        expect(stdout).toMatch(
          /# SKIP skipped: it may change the data behind DATABASE_URL; set MCP_TEST_WRITES=1/,
        );
        expectSuite(stdout, { pass: 18, skipped: 10, todo: 0 });
      } finally {
        await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      }
    }, 120_000);
  });
});

if (!POSTGRES)
  console.info('[generator] inventory suite against PostgreSQL skipped: set MCP_TEST_POSTGRES_URL');

/** Runs a compiled project's own tests (TAP) with extra environment; returns the report. */
async function suite(dir: string, name: string, env: Record<string, string>): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    ['--test', '--test-reporter=tap', join(dir, 'dist', name, 'test', 'tools.test.js')],
    { cwd: join(dir, name), env: { ...process.env, ...env } },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
  return stdout;
}

function expectSuite(stdout: string, want: { pass: number; skipped: number; todo: number }): void {
  expect(stdout).toMatch(/^# fail 0$/m);
  expect(stdout).toMatch(new RegExp(`^# pass ${want.pass}$`, 'm'));
  expect(stdout).toMatch(new RegExp(`^# skipped ${want.skipped}$`, 'm'));
  expect(stdout).toMatch(new RegExp(`^# todo ${want.todo}$`, 'm'));
}

async function sql(statement: string, connectionString = POSTGRES): Promise<unknown[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(statement)).rows;
  } finally {
    await client.end();
  }
}

/** Every row the inventory tools could write, in a stable order. */
async function tableRows(connectionString: string): Promise<unknown[]> {
  return [
    await sql('SELECT * FROM products ORDER BY sku', connectionString),
    await sql('SELECT * FROM catalog_feed ORDER BY sku', connectionString),
    await sql('SELECT * FROM stock_by_category ORDER BY category', connectionString),
  ];
}
