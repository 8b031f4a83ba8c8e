/**
 * The JSON Schema of a spec, generated from the zod schema (the single source of truth) for editors
 * (`# yaml-language-server: $schema=…`) and other tools. Written to schema/mcp-spec.schema.json by
 * `npm run schema`; a test fails when the committed file differs from what this produces.
 */
import { z } from 'zod';
import { SpecSchema } from './schema.js';

export const JSON_SCHEMA_PATH = 'schema/mcp-spec.schema.json';
export const JSON_SCHEMA_ID = 'https://mcp-factory.dev/schema/mcp-spec.schema.json';

/** Keys sorted at every level so the output is stable whatever order zod emits them in. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

export function buildJsonSchema(): Record<string, unknown> {
  // io 'input': describe what a person writes (defaults make keys optional), not the parsed output.
  const schema = z.toJSONSchema(SpecSchema, { io: 'input', target: 'draft-2020-12' });
  return sortKeys({ ...schema, $id: JSON_SCHEMA_ID }) as Record<string, unknown>;
}

/** The exact text of the committed file. */
export function jsonSchemaText(): string {
  return `${JSON.stringify(buildJsonSchema(), null, 2)}\n`;
}
