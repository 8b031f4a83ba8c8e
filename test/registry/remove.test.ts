import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { registryFile } from '../../src/registry/index.js';
import { countRows, freshRegistry, inspect, tool, version } from './helpers.js';

const TABLES = [
  'servers',
  'server_versions',
  'tools',
  'dependencies',
  'deployments',
  'tool_usage',
  'events',
  'test_runs',
];

async function populated() {
  const context = await freshRegistry();
  const { registry } = context;
  for (const name of ['inventory', 'weather']) {
    for (const v of ['1.0.0', '1.1.0']) {
      await registry.recordVersion(
        version(name, v, {
          tools: [tool(`${name}_lookup`, `Look up ${name}`), tool('ping')],
          dependencies: [{ kind: 'env', name: 'API_KEY', secret: true }],
        }),
      );
    }
    const deployment = await registry.createDeployment({ server: name, version: '1.1.0', target: 'local' });
    await registry.recordUsage(name, '1.1.0', [{ tool: 'ping', calls: 3, errors: 1, latencyMs: 12 }]);
    await registry.logEvent({
      server: name,
      deploymentId: deployment.id,
      level: 'error',
      message: 'crashed',
    });
    await registry.logEvent({ server: name, level: 'info', message: 'built' });
    await registry.recordTestRuns(name, '1.0.0', [{ tool: 'ping', outcome: 'pass', durationMs: 4 }]);
  }
  return context;
}

describe('removeServer', () => {
  it('deletes every row of the server, its index entries included, and nothing of the others', async () => {
    const { registry, home } = await populated();
    const db = inspect(home);
    const before = Object.fromEntries(TABLES.map((table) => [table, countRows(db, table)]));

    expect(await registry.removeServer('inventory')).toEqual({
      name: 'inventory',
      versions: 2,
      deployments: 1,
    });

    for (const table of TABLES) expect(countRows(db, table), table).toBe(before[table]! / 2);
    const serverIds = db.prepare('SELECT id FROM servers').all();
    expect(serverIds).toHaveLength(1);
    // The FTS index holds no row for a deleted tool (checked against the index itself, not the content table).
    expect(db.prepare("SELECT count(*) AS n FROM tools_fts WHERE tools_fts MATCH 'inventory'").get()).toEqual(
      {
        n: 0,
      },
    );
    // FTS5's own check that the index and the tools table agree (throws SQLITE_CORRUPT_VTAB otherwise).
    const writable = new Database(registryFile(home));
    writable.prepare("INSERT INTO tools_fts (tools_fts, rank) VALUES ('integrity-check', 1)").run();
    writable.close();
    expect(await registry.search('inventory')).toEqual([]);
    expect((await registry.search('weather lookup')).map((hit) => hit.server)).toEqual(['weather']);
    await expect(registry.getVersion('inventory')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('leaves an empty database after removing every server', async () => {
    const { registry, home } = await populated();
    await registry.removeServer('inventory');
    await registry.removeServer('weather');
    const db = inspect(home);
    for (const table of TABLES) expect(countRows(db, table), table).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('lets the name be registered again from scratch', async () => {
    const { registry } = await populated();
    await registry.removeServer('weather');
    const result = await registry.recordVersion(version('weather', '0.1.0', { spec: { fresh: true } }));
    expect(result).toMatchObject({ created: true, latestVersion: '0.1.0' });
  });
});
