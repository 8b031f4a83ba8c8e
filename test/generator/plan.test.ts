/** plan() is pure and deterministic, and what it emits is consistent with the spec it came from. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { shapeEntries } from '../../src/generator/emit/input-schema.js';
import { toolCases } from '../../src/generator/emit/test-cases.js';
import { hasMarker } from '../../src/generator/header.js';
import { plan } from '../../src/generator/plan.js';
import { linearPattern } from '../../templates/server/lib/linear-pattern.js';
import { paginationInputShape } from '../../templates/server/lib/pagination.js';
import { goldenSpecs, ROOT, specFile, specFrom, TEMPLATES } from './helpers.js';

const specs = goldenSpecs();

describe.each(specs)('$name', ({ path }) => {
  const spec = specFile(path);
  const generated = plan(spec, TEMPLATES);

  test('is deterministic and a plain serializable value', () => {
    const again = plan(specFile(path), TEMPLATES);
    expect(again).toEqual(generated);
    expect(JSON.parse(JSON.stringify(generated))).toEqual(generated);
    const paths = generated.files.map((f) => f.path);
    expect(paths).toEqual([...paths].sort());
  });

  test('regenerating from the emitted mcp.spec.yaml gives the same project', () => {
    const yaml = generated.files.find((f) => f.path === 'mcp.spec.yaml')!.content;
    expect(plan(specFrom(yaml, 'mcp.spec.yaml'), TEMPLATES)).toEqual(generated);
  });

  test('every generated file that can carry a comment carries the marker; handlers and the spec do not', () => {
    for (const file of generated.files) {
      const json = file.path.endsWith('.json');
      if (file.ownership === 'user' || file.path === 'mcp.spec.yaml') {
        expect(hasMarker(file.content), file.path).toBe(false);
      } else expect(hasMarker(file.content), file.path).toBe(!json);
    }
  });

  test('sample arguments pass the emitted input schema; the invalid ones do not', () => {
    const cases = toolCases(spec);
    for (const [i, tool] of spec.tools.entries()) {
      const shape = `({\n${shapeEntries(tool.parameters, '  ').join('\n')}\n})`;
      const params = new Function('z', 'linearPattern', `return ${shape};`)(
        z,
        linearPattern,
      ) as z.ZodRawShape;
      const schema = z.object({
        ...params,
        ...(tool.pagination ? paginationInputShape(tool.pagination) : {}),
      });
      const testCase = cases[i]!;
      if (testCase.valid) expect(schema.safeParse(testCase.valid).error, tool.name).toBeUndefined();
      if (testCase.invalid) expect(schema.safeParse(testCase.invalid).success, tool.name).toBe(false);
    }
  });
});

describe('package.json', () => {
  const dependencies = (spec: object) => {
    const generated = plan(specFrom(JSON.stringify(spec)), TEMPLATES);
    return JSON.parse(generated.files.find((f) => f.path === 'package.json')!.content) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
  };
  const factory = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const base = { name: 'deps', version: '1.0.0', tools: [{ name: 't' }] };

  test('database drivers only when a connection of that type exists, at the factory versions', () => {
    const none = dependencies(base).dependencies;
    for (const driver of ['pg', 'mysql2', 'better-sqlite3']) expect(none).not.toHaveProperty(driver);
    const pg = dependencies({
      ...base,
      connections: [{ name: 'db', type: 'postgresql', envVar: 'DATABASE_URL' }],
    });
    expect(pg.dependencies.pg).toBe(factory.dependencies.pg);
    expect(pg.dependencies).not.toHaveProperty('mysql2');
    expect(pg.dependencies['@modelcontextprotocol/server']).toBe(
      factory.dependencies['@modelcontextprotocol/server'],
    );
    expect(pg.devDependencies.typescript).toBeDefined();
  });
});

describe('secrets', () => {
  test('no file carries a value from the environment, and .env.example leaves secrets empty', () => {
    const spec = specFile(join(ROOT, 'examples', 'inventory.yaml'));
    const generated = plan(spec, TEMPLATES);
    const envExample = generated.files.find((f) => f.path === '.env.example')!.content;
    expect(envExample).toMatch(/^DATABASE_URL=$/m);
    expect(envExample).toMatch(/^MCP_API_KEYS=$/m);
    const serverJson = JSON.parse(generated.files.find((f) => f.path === 'server.json')!.content);
    const variables = serverJson.packages[0].environmentVariables as { name: string; isSecret: boolean }[];
    expect(variables.find((v) => v.name === 'DATABASE_URL')?.isSecret).toBe(true);
    expect(variables.every((v) => !('value' in v) && !('default' in v))).toBe(true);
  });
});

describe('server.json', () => {
  test('uses the local namespace by default, a given one on request, and a description of ≤ 100 chars', () => {
    const long = specFrom(
      JSON.stringify({
        name: 'long',
        version: '2.0.0',
        description: 'x'.repeat(300),
        tools: [{ name: 't' }],
      }),
    );
    const byDefault = JSON.parse(plan(long, TEMPLATES).files.find((f) => f.path === 'server.json')!.content);
    expect(byDefault.name).toBe('local/long');
    expect([...byDefault.description].length).toBeLessThanOrEqual(100);
    const named = plan(long, TEMPLATES, { registryNamespace: 'io.github.alice' });
    expect(JSON.parse(named.files.find((f) => f.path === 'server.json')!.content).name).toBe(
      'io.github.alice/long',
    );
    expect(() => plan(long, TEMPLATES, { registryNamespace: 'bad/ns' })).toThrow(/namespace/);
  });
});
