import { beforeEach, describe, expect, it } from 'vitest';
import type { Registry } from '../../src/registry/index.js';
import { freshRegistry, tool, version } from './helpers.js';

const CATALOG = {
  inventory: [
    tool('get_stock_level', 'Current quantity on hand for a SKU'),
    tool('update_stock', 'Set the stock level of a product after a delivery'),
    tool('search_products', 'Search products by name or category'),
  ],
  weather: [
    tool('get_forecast', 'Weather forecast for a city'),
    tool('current_conditions', 'Temperature and wind'),
  ],
  github: [
    tool('list_issues', 'List issues in a repository', 'http'),
    tool('create_issue', 'Open a new issue', 'http'),
    tool('listPullRequests', 'List open pull requests', 'http'),
  ],
  notes: [tool('add-note', 'Save a note'), tool('search_notes', 'Full-text search over saved notes')],
};

let registry: Registry;

beforeEach(async () => {
  ({ registry } = await freshRegistry());
  for (const [name, tools] of Object.entries(CATALOG)) {
    await registry.recordVersion(version(name, '1.0.0', { tools, description: `The ${name} server` }));
  }
});

const names = async (query: string) =>
  (await registry.search(query)).map((hit) => `${hit.server}/${hit.tool}`);

describe('capability search', () => {
  it('finds a snake_case tool from plain words, name matches first', async () => {
    const hits = await registry.search('stock level');
    expect(hits[0]).toMatchObject({ server: 'inventory', version: '1.0.0', tool: 'get_stock_level' });
    expect(hits.map((hit) => hit.tool)).toEqual(['get_stock_level', 'update_stock']);
  });

  it('splits camelCase and kebab-case names and stems plurals', async () => {
    expect(await names('pull request')).toEqual(['github/listPullRequests']);
    expect(await names('add note')).toEqual(['notes/add-note']);
  });

  it('matches word prefixes', async () => {
    expect(await names('forec')).toEqual(['weather/get_forecast']);
  });

  it('ranks every tool that has the word', async () => {
    expect((await names('issue')).sort()).toEqual(['github/create_issue', 'github/list_issues']);
  });

  it('falls back to any word when no tool has them all', async () => {
    expect(await names('weather tomorrow')).toEqual(['weather/get_forecast']);
  });

  it('treats FTS5 syntax in the query as plain words', async () => {
    await expect(registry.search('stock" OR NEAR(level *')).resolves.toEqual(expect.any(Array));
    expect(await names('"stock"')).toContain('inventory/get_stock_level');
    expect(await registry.search('  -- ')).toEqual([]);
  });

  it('searches only the latest version of each server', async () => {
    await registry.recordVersion(
      version('inventory', '2.0.0', { tools: [tool('stock_on_hand', 'Quantity in stock for a SKU')] }),
    );
    const hits = await registry.search('stock');
    expect(hits.map((hit) => `${hit.version}/${hit.tool}`)).toEqual(['2.0.0/stock_on_hand']);
  });

  it('respects the limit', async () => {
    expect(await registry.search('list OR search OR get', { limit: 2 })).toHaveLength(2);
  });
});

describe('listServers', () => {
  it('lists every server by name with its latest version and tool count', async () => {
    const list = await registry.listServers();
    expect(list.map((s) => [s.name, s.latestVersion, s.toolCount])).toEqual([
      ['github', '1.0.0', 3],
      ['inventory', '1.0.0', 3],
      ['notes', '1.0.0', 2],
      ['weather', '1.0.0', 2],
    ]);
    expect(list[0]).toMatchObject({ kind: 'generated', description: 'The github server', deployment: null });
  });

  it('filters by name, description or tool capability', async () => {
    const list = async (search: string) => (await registry.listServers({ search })).map((s) => s.name);
    expect(await list('weath')).toEqual(['weather']);
    expect(await list('pull request')).toEqual(['github']);
    expect(await list('stock level')).toEqual(['inventory']);
    expect(await list('100%_off')).toEqual([]);
    await registry.recordVersion(version('promo', '1.0.0', { description: 'Take 100% off_season' }));
    expect(await list('100% off_')).toEqual(['promo']); // % and _ are literal, not LIKE wildcards
    expect(await list('10_%')).toEqual([]);
  });

  it('shows the most recent deployment of each server', async () => {
    const first = await registry.createDeployment({ server: 'weather', version: '1.0.0', target: 'local' });
    await registry.updateDeployment(first.id, { state: 'stopped' });
    const second = await registry.createDeployment({
      server: 'weather',
      version: '1.0.0',
      target: 'docker',
      state: 'running',
      endpoint: 'http://127.0.0.1:4000/mcp',
    });
    const weather = (await registry.listServers({ search: 'weather' }))[0];
    expect(weather?.deployment).toEqual({
      id: second.id,
      version: '1.0.0',
      target: 'docker',
      state: 'running',
      endpoint: 'http://127.0.0.1:4000/mcp',
    });
  });
});
