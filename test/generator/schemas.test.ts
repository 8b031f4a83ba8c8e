/**
 * One transform per input node type, table-driven: parameter → zod source, `returns` → output schema and
 * wrapping, parameter → sample value. Emitted code is also evaluated with the real zod to prove it means
 * what it says.
 */
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { parameterSchema } from '../../src/generator/emit/input-schema.js';
import { outputPlan } from '../../src/generator/emit/output-schema.js';
import { sampleValue } from '../../src/generator/sample-args.js';
import type { ParameterSpec, ToolSpec } from '../../src/spec/index.js';
import { linearPattern } from '../../templates/server/lib/linear-pattern.js';

const p = (spec: Partial<ParameterSpec> & Pick<ParameterSpec, 'type'>): ParameterSpec => ({
  required: true,
  ...spec,
});
const evaluate = (code: string) =>
  new Function('z', 'linearPattern', `return ${code};`)(z, linearPattern) as z.ZodType;

describe('parameterSchema', () => {
  const cases: { given: ParameterSpec; want: string }[] = [
    { given: p({ type: 'string' }), want: 'z.string()' },
    { given: p({ type: 'string', required: false }), want: 'z.string().optional()' },
    { given: p({ type: 'string', format: 'email', maxLength: 80 }), want: 'z.email().max(80)' },
    { given: p({ type: 'string', format: 'date-time' }), want: 'z.iso.datetime({ offset: true })' },
    { given: p({ type: 'string', pattern: '^a"b$' }), want: 'z.string().regex(linearPattern("^a\\"b$"))' },
    { given: p({ type: 'integer', minimum: 1, maximum: 10 }), want: 'z.int().min(1).max(10)' },
    { given: p({ type: 'number', default: 1.5 }), want: 'z.number().default(1.5)' },
    { given: p({ type: 'boolean', description: 'x */ y' }), want: 'z.boolean().describe("x */ y")' },
    { given: p({ type: 'string', enum: ['a', 'b'] }), want: 'z.enum(["a", "b"])' },
    { given: p({ type: 'integer', enum: [1, 2] }), want: 'z.literal([1, 2])' },
    {
      given: p({ type: 'array', items: p({ type: 'string' }), minItems: 1 }),
      want: 'z.array(z.string()).min(1)',
    },
    { given: p({ type: 'array' }), want: 'z.array(z.unknown())' },
    { given: p({ type: 'object' }), want: 'z.record(z.string(), z.unknown())' },
    {
      given: p({
        type: 'object',
        properties: { a: p({ type: 'string' }), 'b-c': p({ type: 'number', required: false }) },
      }),
      want: 'z.object({\n  a: z.string(),\n  "b-c": z.number().optional(),\n})',
    },
  ];
  test.each(cases)('$want', ({ given, want }) => {
    expect(parameterSchema(given)).toBe(want);
    expect(() => evaluate(parameterSchema(given))).not.toThrow();
  });

  test('the emitted code enforces what the spec says', () => {
    const schema = evaluate(parameterSchema(p({ type: 'string', pattern: '^[A-Z]{3}$', maxLength: 3 })));
    expect(schema.safeParse('ABC').success).toBe(true);
    expect(schema.safeParse('abc').success).toBe(false);
    const withDefault = evaluate(
      parameterSchema(p({ type: 'string', enum: ['x', 'y'], default: 'y', required: false })),
    );
    expect(withDefault.parse(undefined)).toBe('y');
  });
});

describe('outputPlan', () => {
  const tool = (extra: Partial<ToolSpec>): ToolSpec =>
    ({
      name: 't',
      description: '',
      parameters: {},
      implementation: { type: 'handler' },
      annotations: { readOnly: false, destructive: false, idempotent: false, openWorld: false },
      ...extra,
    }) as ToolSpec;
  const sql = (result: 'rows' | 'first' | 'affected') => ({
    type: 'sql' as const,
    statement: 'SELECT 1',
    result,
  });

  const cases: {
    name: string;
    given: ToolSpec;
    wrap: 'items' | 'none';
    accepts?: unknown;
    rejects?: unknown;
  }[] = [
    { name: 'handler without returns: no schema', given: tool({}), wrap: 'none' },
    {
      name: 'object returns: that object, extra fields allowed',
      given: tool({ returns: { type: 'object', properties: { id: { type: 'integer' } }, required: ['id'] } }),
      wrap: 'none',
      accepts: { id: 1, extra: true },
      rejects: { id: 'x' },
    },
    {
      name: 'array returns: wrapped as items',
      given: tool({ returns: { type: 'array', items: { type: 'string' } } }),
      wrap: 'items',
      accepts: { items: ['a'] },
      rejects: { items: [1] },
    },
    {
      name: 'SQL rows without returns: items of rows',
      given: tool({ implementation: sql('rows') }),
      wrap: 'items',
      accepts: { items: [{ a: 1 }] },
      rejects: { items: [1] },
    },
    {
      name: 'SQL affected: the count',
      given: tool({ implementation: sql('affected') }),
      wrap: 'none',
      accepts: { affected: 2 },
      rejects: { affected: 'x' },
    },
  ];
  test.each(cases)('$name', ({ given, wrap, accepts, rejects }) => {
    const output = outputPlan(given);
    expect(output.wrap).toBe(wrap);
    if (accepts === undefined) return expect(output.schema).toBeUndefined();
    const schema = evaluate(output.schema!);
    expect(schema.safeParse(accepts).success).toBe(true);
    expect(schema.safeParse(rejects).success).toBe(false);
  });

  test('a paginated tool advertises nextCursor from the runtime', () => {
    const output = outputPlan(
      tool({ pagination: { pageSize: 5, maxPageSize: 10 }, implementation: sql('rows') }),
    );
    expect(output).toMatchObject({ wrap: 'items' });
    expect(output.schema).toContain('...paginationOutputShape()');
  });
});

describe('sampleValue', () => {
  const cases: { given: ParameterSpec; want: unknown }[] = [
    { given: p({ type: 'string' }), want: 'example' },
    { given: p({ type: 'string', minLength: 10 }), want: 'examplexxx' },
    { given: p({ type: 'string', maxLength: 3 }), want: 'exa' },
    { given: p({ type: 'string', enum: ['b', 'a'] }), want: 'b' },
    { given: p({ type: 'string', default: 'd' }), want: 'd' },
    { given: p({ type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' }), want: 'AAA-1111' },
    { given: p({ type: 'string', pattern: '^(a|b)$' }), want: undefined },
    { given: p({ type: 'integer' }), want: 1 },
    { given: p({ type: 'integer', minimum: 5, maximum: 9 }), want: 5 },
    { given: p({ type: 'integer', maximum: -3 }), want: -3 },
    { given: p({ type: 'integer', minimum: 0.2, maximum: 0.8 }), want: undefined },
    { given: p({ type: 'number', minimum: 0.2, maximum: 0.8 }), want: 0.2 },
    { given: p({ type: 'boolean' }), want: true },
    { given: p({ type: 'array', items: p({ type: 'integer' }), minItems: 2 }), want: [1, 1] },
    {
      given: p({
        type: 'object',
        properties: { a: p({ type: 'string' }), b: p({ type: 'string', required: false }) },
      }),
      want: { a: 'example' },
    },
  ];
  test.each(cases)('$given.type $given → $want', ({ given, want }) => {
    expect(sampleValue(given)).toEqual(want);
  });

  test.each(['date', 'date-time', 'time', 'email', 'uri', 'uuid', 'hostname', 'ipv4', 'ipv6'] as const)(
    'the %s sample passes the emitted zod format',
    (format) => {
      const parameter = p({ type: 'string', format });
      expect(evaluate(parameterSchema(parameter)).safeParse(sampleValue(parameter)).error).toBeUndefined();
    },
  );
});

/** Issue 11, item 11: a property's `title` in `returns` was dropped from the advertised output schema. */
describe('output schema metadata', () => {
  test('title and description of every node reach the JSON Schema the SDK advertises', () => {
    const output = outputPlan({
      name: 't',
      description: '',
      parameters: {},
      implementation: { type: 'handler' },
      annotations: { readOnly: false, destructive: false, idempotent: false, openWorld: false },
      returns: {
        type: 'object',
        title: 'Order',
        properties: {
          id: { type: 'integer', title: 'Order "id" */', description: 'its number' },
          note: { type: 'string', title: 'Note' },
          plain: { type: 'string', description: 'no title' },
        },
      },
    } as ToolSpec);
    const json = z.toJSONSchema(evaluate(output.schema!)) as {
      title?: string;
      properties: Record<string, { title?: string; description?: string }>;
    };
    expect(json.title).toBe('Order');
    expect(json.properties.id).toMatchObject({ title: 'Order "id" */', description: 'its number' });
    expect(json.properties.note).toMatchObject({ title: 'Note' });
    expect(json.properties.plain).toMatchObject({ description: 'no title' });
    expect(json.properties.plain?.title).toBeUndefined();
  });
});
