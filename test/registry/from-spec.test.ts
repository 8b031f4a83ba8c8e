import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { envVars } from '../../src/generator/env-vars.js';
import { versionFromSpec } from '../../src/registry/index.js';
import { parseSpec } from '../../src/spec/index.js';
import { freshRegistry } from './helpers.js';

function example(name: string) {
  const text = readFileSync(join(import.meta.dirname, '../../examples', `${name}.yaml`), 'utf8');
  const { spec } = parseSpec(text);
  if (spec === undefined) throw new Error(`examples/${name}.yaml does not parse`);
  return spec;
}

/** What the catalog service passes: the generator's env vars, without the runtime settings. */
const specEnv = (spec: ReturnType<typeof example>) => envVars(spec).filter((v) => v.usage !== 'runtime');

describe('versionFromSpec', () => {
  it('derives tools, connections and env vars (names and flags only) from the inventory example', async () => {
    const spec = example('inventory');
    const input = versionFromSpec(spec, {
      artifactDir: '/work/out/inventory-mcp',
      npmDependencies: { pg: '^8.23.1' },
      envVars: specEnv(spec),
    });
    expect(input).toMatchObject({
      name: 'inventory-mcp',
      version: spec.version,
      kind: 'generated',
      transport: 'http',
    });
    expect(input.tools.map((t) => [t.name, t.implementation])).toEqual(
      spec.tools.map((t) => [t.name, 'sql']),
    );
    expect(input.dependencies).toEqual(
      expect.arrayContaining([
        { kind: 'npm', name: 'pg', detail: '^8.23.1' },
        { kind: 'connection', name: 'inventory_db', detail: 'postgresql' },
        expect.objectContaining({ kind: 'env', name: 'DATABASE_URL', required: true, secret: true }),
        expect.objectContaining({ kind: 'env', name: 'MCP_API_KEYS', secret: true }),
        expect.objectContaining({ kind: 'env', name: 'INVENTORY_WEBHOOK_SECRET', secret: true }),
      ]),
    );

    const { registry } = await freshRegistry();
    await registry.recordVersion(input);
    expect((await registry.search('stock level'))[0]).toMatchObject({
      server: 'inventory-mcp',
      tool: 'get_stock_level',
    });
    const document = await registry.exportServerJson('inventory-mcp');
    expect(document.packages?.[0]?.transport).toEqual({
      type: 'streamable-http',
      url: 'http://127.0.0.1:3001/mcp',
    });
    expect(document.packages?.[0]?.environmentVariables?.map((v) => v.name).sort()).toEqual([
      'DATABASE_URL',
      'INVENTORY_WEBHOOK_SECRET',
      'MCP_API_KEYS',
    ]);
  });

  it('marks upstream credentials secret and base URLs not', () => {
    const github = example('github');
    const input = versionFromSpec(github, { artifactDir: '/tmp/github', envVars: specEnv(github) });
    const env = input.dependencies?.filter((d) => d.kind === 'env') ?? [];
    expect(env).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'GITHUB_API_URL', secret: false }),
        expect.objectContaining({ name: 'GITHUB_TOKEN', secret: true }),
      ]),
    );
  });
});
