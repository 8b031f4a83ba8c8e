import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FactoryError } from '../../src/errors.js';
import { openRegistry, resolveHome } from '../../src/registry/index.js';
import { MIGRATIONS } from '../../src/registry/migrations/index.js';
import { openSqliteRegistry } from '../../src/registry/sqlite/open.js';
import { freshRegistry, inspect, tempHome, version } from './helpers.js';

describe('resolveHome', () => {
  it('uses MCP_FACTORY_HOME, made absolute', () => {
    expect(resolveHome({ MCP_FACTORY_HOME: '/srv/factory' })).toBe('/srv/factory');
    expect(resolveHome({ MCP_FACTORY_HOME: 'rel/dir' })).toBe(join(process.cwd(), 'rel/dir'));
  });
  it('defaults to ~/.mcp-factory', () => {
    expect(resolveHome({ HOME: '/home/ada' })).toBe('/home/ada/.mcp-factory');
    expect(resolveHome({ HOME: '/home/ada', MCP_FACTORY_HOME: '  ' })).toBe('/home/ada/.mcp-factory');
  });
});

describe('migrations', () => {
  it('are numbered 1..n without gaps and match their file names', () => {
    const files = readdirSync(join(import.meta.dirname, '../../src/registry/migrations'))
      .filter((file) => /^\d{3}-/.test(file))
      .sort();
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(files).toEqual(MIGRATIONS.map((m) => `${String(m.version).padStart(3, '0')}-${m.name}.ts`));
  });

  it('create the schema in a fresh directory (made if missing) and record it', async () => {
    const home = join(tempHome(), 'nested', 'home');
    await freshRegistry(home);
    const db = inspect(home);
    const applied = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version').all();
    expect(applied).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('re-open keeps the data and applies nothing twice', async () => {
    const home = tempHome();
    const first = await openRegistry({ home });
    await first.recordVersion(version('weather', '1.0.0'));
    await first.close();
    const second = await openRegistry({ home });
    expect(await second.latestVersion('weather')).toBe('1.0.0');
    await second.close();
    expect(inspect(home).prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({
      n: MIGRATIONS.length,
    });
  });

  it('apply a new migration on open and refuse a schema newer than known', async () => {
    const home = tempHome();
    const extra = { version: MIGRATIONS.length + 1, name: 'extra', up: 'CREATE TABLE extra (x INTEGER);' };
    const newer = await openSqliteRegistry({ home, migrations: [...MIGRATIONS, extra] });
    await newer.close();
    const error = await openRegistry({ home }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FactoryError);
    expect(error).toMatchObject({ code: 'REGISTRY_FAILED' });
    expect((error as FactoryError).message).toContain(`schema version ${extra.version}, newer than`);
    expect((error as FactoryError).hint).toMatch(/upgrade mcp-factory/);
  });

  it('roll back a failing migration completely', async () => {
    const home = tempHome();
    const broken = {
      version: MIGRATIONS.length + 1,
      name: 'broken',
      up: 'CREATE TABLE ok (x); SELECT * FROM nope;',
    };
    await expect(openSqliteRegistry({ home, migrations: [...MIGRATIONS, broken] })).rejects.toMatchObject({
      code: 'REGISTRY_FAILED',
    });
    // Nothing of the failed batch is left: a fresh open applies every migration from scratch.
    const db = inspect(home);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name IN ('ok', 'servers')").all()).toEqual([]);
  });

  it('set the connection pragmas every writer relies on', async () => {
    const { registry } = await freshRegistry();
    // Reach the private connection on purpose: these settings are the durability contract.
    const db = (registry as unknown as { db: import('better-sqlite3').Database }).db;
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThanOrEqual(5000);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
  });
});
