/**
 * Which keys the schema allows at a path, found by walking the zod schema alongside the input (so a union
 * such as a tool implementation resolves to the member the input's `type` selects). Used for the
 * did-you-mean hint on unknown keys.
 */
import type { z } from 'zod';
import type { SpecPath } from './path.js';
import { SpecSchema } from './schema.js';

/** The parts of zod 4's internal definition this walk reads (`schema._zod.def`, stable across 4.x). */
interface Definition {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly discriminator?: string;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly getter?: () => z.ZodType;
}

function definitionOf(schema: z.ZodType): Definition {
  return schema._zod.def as unknown as Definition;
}

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

function unwrap(schema: z.ZodType, value: unknown): z.ZodType {
  let current = schema;
  for (;;) {
    const def = definitionOf(current);
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else if (def.type === 'lazy' && def.getter) current = def.getter();
    else if (def.type === 'union' && def.options) current = pickOption(def, value);
    else return current;
  }
}

/** The union member the value is meant for: by discriminator, else the object sharing most keys with it. */
function pickOption(def: Definition, value: unknown): z.ZodType {
  const options = def.options ?? [];
  const record = isRecord(value) ? value : {};
  if (def.discriminator) {
    const wanted = record[def.discriminator];
    const match = options.find((o) => o._zod.propValues?.[def.discriminator!]?.has(wanted as never));
    if (match) return match;
  }
  let best = options[0]!;
  let bestScore = -1;
  for (const option of options) {
    const keys = objectKeys(unwrap(option, value));
    const score = Object.keys(record).filter((k) => keys.includes(k)).length;
    if (score > bestScore) [best, bestScore] = [option, score];
  }
  return best;
}

function objectKeys(schema: z.ZodType): string[] {
  const def = definitionOf(schema);
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(schema: z.ZodType, segment: string | number): z.ZodType | undefined {
  const def = definitionOf(schema);
  if (def.type === 'object') return def.shape?.[String(segment)];
  if (def.type === 'array') return def.element;
  if (def.type === 'record') return def.valueType;
  return undefined;
}

/** Keys allowed in the object at `path` of `input`, or [] when the path does not lead to an object. */
export function allowedKeysAt(input: unknown, path: SpecPath, root: z.ZodType = SpecSchema): string[] {
  let schema: z.ZodType | undefined = root;
  let value = input;
  for (const segment of path) {
    schema = child(unwrap(schema, value), segment);
    if (!schema) return [];
    value = isRecord(value) || Array.isArray(value) ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return objectKeys(unwrap(schema, value));
}
