/** schema/mcp-spec.schema.json is generated from the zod schema; this fails when the committed file is stale. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildJsonSchema, JSON_SCHEMA_PATH, jsonSchemaText } from '../../src/spec/json-schema.js';

describe('JSON Schema', () => {
  it('the committed file is what `npm run schema` writes', async () => {
    const committed = await readFile(new URL(`../../${JSON_SCHEMA_PATH}`, import.meta.url), 'utf8');
    expect(committed, 'schema/mcp-spec.schema.json is stale: run `npm run schema`').toBe(jsonSchemaText());
  });

  it('is stable and describes the input (defaults make keys optional)', () => {
    expect(jsonSchemaText()).toBe(jsonSchemaText());
    type Root = { required: string[]; properties: object };
    const schema = buildJsonSchema() as { $ref: string; $defs: Record<string, Root> };
    expect(schema.$ref).toBe('#/$defs/McpServerSpec');
    const root = schema.$defs.McpServerSpec!;
    expect(root.required.sort()).toEqual(['name', 'tools', 'version']);
    expect(Object.keys(schema.$defs)).toEqual(
      expect.arrayContaining(['Tool', 'Parameter', 'Trigger', 'Connection']),
    );
    expect(Object.keys(root.properties)).toEqual([...Object.keys(root.properties)].sort());
  });
});
