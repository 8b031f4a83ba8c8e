import { describe, expect, it } from 'vitest';
import { freshRegistry, inspect, tool, version } from './helpers.js';

describe('recording versions', () => {
  it('keeps old versions when a new one is recorded, and orders them by semver', async () => {
    const { registry } = await freshRegistry();
    for (const v of ['1.9.0', '1.10.0', '1.10.0-rc.1', '0.1.0']) {
      await registry.recordVersion(version('weather', v, { description: `weather ${v}` }));
    }
    expect(await registry.latestVersion('weather')).toBe('1.10.0');
    expect((await registry.listVersions('weather')).map((v) => v.version)).toEqual([
      '1.10.0',
      '1.10.0-rc.1',
      '1.9.0',
      '0.1.0',
    ]);
    expect((await registry.getVersion('weather', '1.9.0')).description).toBe('weather 1.9.0');
    expect((await registry.getVersion('weather')).version).toBe('1.10.0');
    const [summary] = await registry.listServers();
    expect(summary).toMatchObject({
      name: 'weather',
      latestVersion: '1.10.0',
      description: 'weather 1.10.0',
    });
  });

  it('refuses the same version with a different spec, telling the user to bump it', async () => {
    const { registry } = await freshRegistry();
    await registry.recordVersion(version('weather', '1.0.0'));
    const changed = version('weather', '1.0.0', { spec: { name: 'weather', changed: true } });
    await expect(registry.recordVersion(changed)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('version 1.0.0 is already registered with a different spec'),
      hint: expect.stringContaining('bump the version'),
    });
    expect((await registry.getVersion('weather', '1.0.0')).spec).toEqual(version('weather', '1.0.0').spec);
  });

  it('is idempotent for the same version and the same spec (key order does not matter)', async () => {
    const { registry, home } = await freshRegistry();
    const first = await registry.recordVersion(version('weather', '1.0.0', { spec: { a: 1, b: [1, 2] } }));
    const again = await registry.recordVersion(
      version('weather', '1.0.0', { spec: { b: [1, 2], a: 1 }, artifactDir: '/elsewhere' }),
    );
    expect(first.created).toBe(true);
    expect(again).toEqual({ ...first, created: false });
    expect((await registry.getVersion('weather')).artifactDir).toBe('/elsewhere');
    expect(inspect(home).prepare('SELECT count(*) AS n FROM tools').get()).toEqual({ n: 1 });
  });

  it('stores tools, dependencies, spec, hash and artifact', async () => {
    const { registry } = await freshRegistry();
    const input = version('inventory', '2.0.0', {
      tools: [tool('get_stock_level', 'Stock on hand'), tool('list_orders', 'Orders', 'handler')],
      dependencies: [
        { kind: 'npm', name: 'pg', detail: '^8.23.1' },
        { kind: 'env', name: 'DATABASE_URL', secret: true },
        { kind: 'connection', name: 'db', detail: 'postgresql' },
      ],
    });
    const result = await registry.recordVersion(input);
    const stored = await registry.getVersion('inventory', '2.0.0');
    expect(stored).toMatchObject({
      kind: 'generated',
      specHash: result.specHash,
      artifactDir: '/tmp/inventory',
      spec: input.spec,
      tools: input.tools,
    });
    expect(result.specHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored.dependencies).toEqual([
      { kind: 'connection', name: 'db', detail: 'postgresql', required: true, secret: false },
      { kind: 'env', name: 'DATABASE_URL', detail: '', required: true, secret: true },
      { kind: 'npm', name: 'pg', detail: '^8.23.1', required: true, secret: false },
    ]);
  });

  it('reports unknown servers and versions as NOT_FOUND with a hint', async () => {
    const { registry } = await freshRegistry();
    await registry.recordVersion(version('weather', '1.0.0'));
    await expect(registry.getVersion('nope')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'no server named "nope" in the registry',
      hint: expect.stringContaining('list'),
    });
    await expect(registry.getVersion('weather', '9.9.9')).rejects.toMatchObject({
      code: 'NOT_FOUND',
      hint: 'known versions: 1.0.0',
    });
    await expect(registry.latestVersion('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(registry.removeServer('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('rejects bad input with the field at fault', async () => {
    const { registry } = await freshRegistry();
    await expect(registry.recordVersion(version('weather', 'v1'))).rejects.toMatchObject({
      code: 'SPEC_INVALID',
      message: expect.stringMatching(/^version: "v1" is not a semantic version/),
    });
    await expect(registry.recordVersion(version('Bad Name', '1.0.0'))).rejects.toMatchObject({
      code: 'SPEC_INVALID',
      message: expect.stringMatching(/^name: /),
    });
    const duplicate = version('weather', '1.0.0', { tools: [tool('a'), tool('a')] });
    await expect(registry.recordVersion(duplicate)).rejects.toMatchObject({
      message: 'tools[1].name: duplicate tool name "a"',
    });
  });

  it('does not let an imported server and a generated one share a name', async () => {
    const { registry } = await freshRegistry();
    await registry.recordVersion(version('weather', '1.0.0'));
    await expect(
      registry.recordVersion(version('weather', '2.0.0', { kind: 'external' })),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'a generated server named "weather" is already registered',
    });
  });
});
