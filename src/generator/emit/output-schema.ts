/**
 * A tool's `returns` (a JSON Schema subset) → zod 4 source for its advertised `outputSchema`. MCP wants an
 * object as structured content, so an array result is wrapped as `{ items: [...] }` (plus `nextCursor` when
 * the tool is paginated, from the runtime's `paginationOutputShape()`) and the runtime wraps the value the
 * same way (`wrap: 'items'`).
 */
import type { ReturnsSpec, ToolSpec } from '../../spec/types.js';
import { jsKey, jsString, jsValue } from '../escape.js';

export interface OutputPlan {
  /** zod source of the advertised output object, or undefined when the result is not structured. */
  readonly schema: string | undefined;
  readonly wrap: 'items' | 'none';
}

/**
 * Any JSON value. zod writes `z.unknown()` as `{}`, which strict clients (the MCP Inspector's `--strict`)
 * flag as a schema that constrains nothing; an `anyOf` of every JSON type says the same in a form they
 * accept. (With only `{ type }` members zod merges them into a `type` array, which they flag as less
 * portable; the object member's `additionalProperties` keeps them apart.)
 */
const ANY_JSON =
  'z.unknown().meta({ anyOf: [{ type: "string" }, { type: "number" }, { type: "boolean" }, { type: "null" }, { type: "object", additionalProperties: true }, { type: "array" }] })';

/** Decide how a tool's result is shaped and advertised. */
export function outputPlan(tool: ToolSpec): OutputPlan {
  const returns = tool.returns;
  const paginated = tool.pagination !== undefined;
  if (paginated || returnsArray(tool)) {
    const items =
      returns?.type === 'array' ? itemsOf(returns) : (implementationItems(tool) ?? openObject('{}'));
    const cursor = paginated ? '\n  ...paginationOutputShape(),' : '';
    const described = returns?.description ? `.describe(${jsString(returns.description)})` : '';
    return { schema: `z.object({\n  items: z.array(${items})${described},${cursor}\n})`, wrap: 'items' };
  }
  if (returns && isObjectSchema(returns)) return { schema: schemaFor(returns, ''), wrap: 'none' };
  return { schema: returns ? undefined : implementationObject(tool), wrap: 'none' };
}

function itemsOf(returns: ReturnsSpec): string {
  return returns.items ? schemaFor(returns.items, '  ') : ANY_JSON;
}

/** The result is an array: declared so, or (without `returns`) an implementation that yields a list. */
function returnsArray(tool: ToolSpec): boolean {
  if (tool.returns) return tool.returns.type === 'array';
  const implementation = tool.implementation;
  if (implementation.type === 'sql') return implementation.result === 'rows';
  return implementation.type === 'file' && implementation.operation === 'list';
}

/** What the runtime's file `list` returns per entry (templates/server/lib/files.ts). */
const FILE_ENTRY =
  'z.object({ name: z.string(), path: z.string(), type: z.enum(["file", "directory", "symlink", "other"]), size: z.int() })';

function implementationItems(tool: ToolSpec): string | undefined {
  const implementation = tool.implementation;
  return implementation.type === 'file' && implementation.operation === 'list' ? FILE_ENTRY : undefined;
}

/**
 * Without `returns`, the built-in implementations still have a known result shape (see the runtime's
 * sql.ts and files.ts); handlers, HTTP and GraphQL do not, so they advertise no output schema.
 */
function implementationObject(tool: ToolSpec): string | undefined {
  const implementation = tool.implementation;
  if (implementation.type === 'sql') {
    return implementation.result === 'affected' ? 'z.object({ affected: z.int() })' : openObject('{}');
  }
  if (implementation.type !== 'file') return undefined;
  switch (implementation.operation) {
    case 'read':
      return 'z.object({ path: z.string(), content: z.string(), size: z.int() })';
    case 'write':
      return 'z.object({ path: z.string(), size: z.int() })';
    case 'stat':
      return 'z.object({ path: z.string(), type: z.enum(["file", "directory", "symlink", "other"]), size: z.int(), modified: z.string() })';
    case 'delete':
      return 'z.object({ path: z.string(), deleted: z.boolean() })';
    case 'list':
      return undefined;
  }
}

function isObjectSchema(schema: ReturnsSpec): boolean {
  return schema.type === 'object' || (schema.type === undefined && schema.properties !== undefined);
}

/** zod source for one JSON Schema node; `title` and `description` reach the advertised schema as its metadata. */
export function schemaFor(schema: ReturnsSpec, indent: string): string {
  const code = typedSchema(schema, indent);
  if (schema.title !== undefined) {
    return `${code}.meta(${jsValue({ title: schema.title, description: schema.description || undefined })})`;
  }
  return schema.description ? `${code}.describe(${jsString(schema.description)})` : code;
}

function typedSchema(schema: ReturnsSpec, indent: string): string {
  if (schema.const !== undefined) return literalSchema([schema.const]);
  if (schema.enum) return literalSchema(schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return unionOf(union.map((s) => schemaFor(s, indent)));
  if (Array.isArray(schema.type)) {
    return unionOf(schema.type.map((type) => typedSchema({ ...schema, type }, indent)));
  }
  switch (schema.type) {
    case 'string':
      return stringSchema(schema);
    case 'number':
      return boundedNumber('z.number()', schema);
    case 'integer':
      return boundedNumber('z.int()', schema);
    case 'boolean':
      return 'z.boolean()';
    case 'null':
      return 'z.null()';
    case 'array':
      return `z.array(${schema.items ? schemaFor(schema.items, indent) : ANY_JSON})`;
    case 'object':
      return objectFor(schema, indent);
    default:
      return schema.properties ? objectFor(schema, indent) : ANY_JSON;
  }
}

function literalSchema(values: readonly unknown[]): string {
  const scalars = values.filter(
    (v): v is string | number | boolean | null =>
      v === null || ['string', 'number', 'boolean'].includes(typeof v),
  );
  if (scalars.length === 0) return ANY_JSON;
  if (scalars.every((v) => typeof v === 'string')) return `z.enum(${jsValue(scalars)})`;
  return `z.literal(${jsValue(scalars)})`;
}

function unionOf(members: string[]): string {
  return members.length === 1 ? (members[0] ?? ANY_JSON) : `z.union([${members.join(', ')}])`;
}

function stringSchema(schema: ReturnsSpec): string {
  let code = 'z.string()';
  if (schema.minLength !== undefined) code += `.min(${jsValue(schema.minLength)})`;
  if (schema.maxLength !== undefined) code += `.max(${jsValue(schema.maxLength)})`;
  return code;
}

function boundedNumber(base: string, schema: ReturnsSpec): string {
  let code = base;
  if (schema.minimum !== undefined) code += `.min(${jsValue(schema.minimum)})`;
  if (schema.maximum !== undefined) code += `.max(${jsValue(schema.maximum)})`;
  return code;
}

/**
 * Objects are loose unless the spec says `additionalProperties: false`: a database row or API response
 * often carries more fields than the spec lists, and that must not fail the call.
 */
function objectFor(schema: ReturnsSpec, indent: string): string {
  const required = new Set(schema.required ?? []);
  const inner = `${indent}  `;
  const entries = Object.entries(schema.properties ?? {}).map(([key, property]) => {
    const optional = required.has(key) ? '' : '.optional()';
    return `${inner}${jsKey(key)}: ${schemaFor(property, inner)}${optional},`;
  });
  const body = entries.length === 0 ? '{}' : `{\n${entries.join('\n')}\n${indent}}`;
  const extra = schema.additionalProperties;
  if (extra === false) return `z.strictObject(${body})`;
  if (typeof extra === 'object') return `z.object(${body}).catchall(${schemaFor(extra, indent)})`;
  return openObject(body);
}

/**
 * An object that accepts fields beyond its listed ones. zod writes a loose object's extra fields as
 * `"additionalProperties": {}`, which strict clients (the MCP Inspector's `--strict`) flag as a schema that
 * constrains nothing; the metadata makes zod write the equivalent `true`, which they accept.
 */
function openObject(body: string): string {
  return `z.looseObject(${body}).meta({ additionalProperties: true })`;
}
