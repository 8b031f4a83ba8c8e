import { describe, expect, it } from 'vitest';
import type { FactoryError } from '../../src/errors.js';
import { SERVER_JSON_SCHEMA_URL, ServerJsonSchema } from '../../src/registry/index.js';
import { freshRegistry, tool, version } from './helpers.js';

const REMOTE = {
  $schema: SERVER_JSON_SCHEMA_URL,
  name: 'io.github.acme/Weather-Pro',
  description: 'Forecasts and alerts for any city',
  version: '2.3.1',
  remotes: [
    {
      type: 'streamable-http',
      url: 'https://mcp.acme.example/mcp',
      headers: [{ name: 'Authorization', value: 'Bearer {token}', isSecret: true, isRequired: true }],
    },
  ],
  packages: [
    {
      registryType: 'npm',
      identifier: '@acme/weather-mcp',
      version: '2.3.1',
      transport: { type: 'stdio' },
      environmentVariables: [
        { name: 'ACME_API_KEY', description: 'API key', isRequired: true, isSecret: true },
        { name: 'ACME_UNITS', isRequired: false, default: 'metric' },
      ],
    },
  ],
};

async function importError(document: unknown): Promise<FactoryError> {
  const { registry } = await freshRegistry();
  return registry.importServerJson(document).then(
    () => expect.fail('import should have failed'),
    (error: FactoryError) => error,
  );
}

describe('exportServerJson', () => {
  it('describes a generated server as an npm package with its env vars', async () => {
    const { registry } = await freshRegistry();
    await registry.recordVersion(
      version('inventory', '1.2.0', {
        description: `Inventory ${'x'.repeat(200)}`,
        transport: 'http',
        spec: { name: 'inventory', http: { port: 3001 } },
        dependencies: [
          { kind: 'env', name: 'DATABASE_URL', detail: 'postgresql connection "db"', secret: true },
          { kind: 'env', name: 'FILES_ROOT', required: false },
          { kind: 'npm', name: 'pg', detail: '^8.0.0' },
        ],
      }),
    );
    const document = await registry.exportServerJson('inventory', undefined, { namespace: 'io.github.acme' });
    expect(ServerJsonSchema.parse(document)).toEqual(document);
    expect(document).toMatchObject({
      $schema: SERVER_JSON_SCHEMA_URL,
      name: 'io.github.acme/inventory',
      version: '1.2.0',
      packages: [
        {
          registryType: 'npm',
          identifier: 'inventory',
          version: '1.2.0',
          transport: { type: 'streamable-http', url: 'http://127.0.0.1:3001/mcp' },
          environmentVariables: [
            {
              name: 'DATABASE_URL',
              description: 'postgresql connection "db"',
              isRequired: true,
              isSecret: true,
            },
            { name: 'FILES_ROOT', isRequired: false, isSecret: false },
          ],
        },
      ],
    });
    expect(document.description).toHaveLength(100);
    expect(document.description.endsWith('…')).toBe(true);
  });

  it('exports a named older version and defaults the namespace and description', async () => {
    const { registry } = await freshRegistry();
    await registry.recordVersion(version('notes', '1.0.0', { description: ' \n ' }));
    await registry.recordVersion(version('notes', '1.1.0'));
    const document = await registry.exportServerJson('notes', '1.0.0');
    expect(document).toMatchObject({
      name: 'local/notes',
      version: '1.0.0',
      description: 'MCP server notes',
      packages: [{ transport: { type: 'stdio' } }],
    });
    await expect(registry.exportServerJson('notes', '1.0.0', { namespace: 'bad/ns' })).rejects.toMatchObject({
      code: 'SPEC_INVALID',
      message: expect.stringContaining('name:'),
    });
  });

  it('fits any description into one line of at most 100 characters without splitting a character', async () => {
    const { registry } = await freshRegistry();
    await registry.recordVersion(version('emoji', '1.0.0', { description: `Faces:\n${'🙂'.repeat(80)}` }));
    const { description } = await registry.exportServerJson('emoji');
    expect(description.length).toBeLessThanOrEqual(100);
    expect(description).toMatch(/^Faces: (🙂)+…$/u);
  });
});

describe('importServerJson', () => {
  it('catalogues an external server that can be listed, read and exported back unchanged', async () => {
    const { registry } = await freshRegistry();
    const result = await registry.importServerJson(REMOTE);
    expect(result).toMatchObject({ name: 'weather-pro', version: '2.3.1', created: true });

    const [summary] = await registry.listServers();
    expect(summary).toMatchObject({
      name: 'weather-pro',
      kind: 'external',
      latestVersion: '2.3.1',
      toolCount: 0,
    });
    const stored = await registry.getVersion('weather-pro');
    expect(stored).toMatchObject({
      kind: 'external',
      transport: 'streamable-http',
      remoteUrl: 'https://mcp.acme.example/mcp',
      artifactDir: null,
    });
    expect(stored.dependencies).toEqual([
      { kind: 'env', name: 'ACME_API_KEY', detail: 'API key', required: true, secret: true },
      { kind: 'env', name: 'ACME_UNITS', detail: '', required: false, secret: false },
      { kind: 'npm', name: '@acme/weather-mcp', detail: '2.3.1', required: true, secret: false },
    ]);
    expect(await registry.exportServerJson('weather-pro')).toEqual(REMOTE);
    expect(await registry.importServerJson(REMOTE)).toMatchObject({ created: false });
    await expect(registry.importServerJson({ ...REMOTE, description: 'Changed' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('round-trips a generated server through another registry', async () => {
    const { registry: source } = await freshRegistry();
    await source.recordVersion(
      version('inventory', '1.0.0', { dependencies: [{ kind: 'env', name: 'DATABASE_URL', secret: true }] }),
    );
    const exported = await source.exportServerJson('inventory');
    const { registry: target } = await freshRegistry();
    await target.importServerJson(JSON.parse(JSON.stringify(exported)));
    expect(await target.exportServerJson('inventory')).toEqual(exported);
    expect((await target.getVersion('inventory')).dependencies).toContainEqual(
      expect.objectContaining({ kind: 'env', name: 'DATABASE_URL', secret: true }),
    );
  });

  it('takes the tools an external server reports, and makes them searchable', async () => {
    const { registry } = await freshRegistry();
    await registry.importServerJson(REMOTE);
    await registry.recordDiscoveredTools('weather-pro', '2.3.1', [
      tool('severe_weather_alerts', 'Storm warnings'),
    ]);
    expect(await registry.search('storm')).toMatchObject([
      { server: 'weather-pro', tool: 'severe_weather_alerts' },
    ]);
    expect((await registry.listServers())[0]?.toolCount).toBe(1);
    await registry.recordVersion(version('local-one', '1.0.0'));
    await expect(registry.recordDiscoveredTools('local-one', '1.0.0', [])).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  const invalid: [string, unknown, string][] = [
    ['not an object', 'server.json', '(root)'],
    ['missing name', { description: 'd', version: '1.0.0' }, 'name'],
    ['name without namespace', { ...REMOTE, name: 'weather' }, 'name'],
    ['description too long', { ...REMOTE, description: 'd'.repeat(101) }, 'description'],
    ['version range', { ...REMOTE, version: '^1.2.0' }, 'version'],
    [
      'unknown transport',
      { ...REMOTE, packages: [{ ...REMOTE.packages[0], transport: { type: 'ws' } }] },
      'packages[0].transport.type',
    ],
    [
      'env var without a name',
      { ...REMOTE, packages: [{ ...REMOTE.packages[0], environmentVariables: [{ isSecret: true }] }] },
      'packages[0].environmentVariables[0].name',
    ],
    [
      'remote url with a space',
      { ...REMOTE, remotes: [{ type: 'sse', url: 'https://a b' }] },
      'remotes[0].url',
    ],
    [
      'a secret with its value',
      {
        ...REMOTE,
        remotes: [
          { type: 'sse', url: 'https://a', headers: [{ name: 'X-Key', value: 'k123', isSecret: true }] },
        ],
      },
      'remotes[0].headers[0].value',
    ],
    ['a name unusable as a server name', { ...REMOTE, name: 'io.acme/weather..pro' }, 'name'],
  ];
  it.each(invalid)('rejects %s, naming the field', async (_, document, path) => {
    const error = await importError(document);
    expect(error.code).toBe('SPEC_INVALID');
    expect(error.message).toMatch(/^server\.json is not valid: /);
    expect(error.message).toContain(`${path}: `);
    expect(error.details).toContainEqual(expect.objectContaining({ path }));
  });

  it('reports every problem at once', async () => {
    const error = await importError({ name: 'x', description: '', version: 'latest' });
    expect([...new Set((error.details as { path: string }[]).map((d) => d.path))].sort()).toEqual([
      'description',
      'name',
      'version',
    ]);
  });
});
