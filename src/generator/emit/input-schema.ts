/**
 * Tool parameters → zod 4 source code. One function per parameter type, each returning an expression such
 * as `z.string().email().describe("…")`. Every spec value goes through `jsString` / `jsValue`.
 */
import type { ParameterSpec } from '../../spec/types.js';
import { jsKey, jsString, jsValue } from '../escape.js';

type Format = NonNullable<ParameterSpec['format']>;

/** zod 4 top-level constructors for string formats. */
const FORMAT_CONSTRUCTORS: Record<Format, string> = {
  date: 'z.iso.date()',
  'date-time': 'z.iso.datetime({ offset: true })',
  time: 'z.iso.time()',
  email: 'z.email()',
  uri: 'z.url()',
  uuid: 'z.uuid()',
  hostname: 'z.hostname()',
  ipv4: 'z.ipv4()',
  ipv6: 'z.ipv6()',
};

/** The shape entries of a `z.object({ … })` for a parameter map, one `key: expression` per line. */
export function shapeEntries(parameters: Readonly<Record<string, ParameterSpec>>, indent: string): string[] {
  return Object.entries(parameters).map(
    ([name, parameter]) => `${indent}${jsKey(name)}: ${parameterSchema(parameter, indent)},`,
  );
}

/** `z.object({ … })` for a parameter map. */
export function objectSchema(parameters: Readonly<Record<string, ParameterSpec>>, indent = ''): string {
  const entries = shapeEntries(parameters, `${indent}  `);
  if (entries.length === 0) return 'z.object({})';
  return `z.object({\n${entries.join('\n')}\n${indent}})`;
}

/** The full expression for one parameter, including description, default and optionality. */
export function parameterSchema(parameter: ParameterSpec, indent = ''): string {
  let code = baseSchema(parameter, indent);
  if (parameter.description) code += `.describe(${jsString(parameter.description)})`;
  if (parameter.default !== undefined) code += `.default(${jsValue(parameter.default)})`;
  else if (!parameter.required) code += '.optional()';
  return code;
}

function baseSchema(parameter: ParameterSpec, indent: string): string {
  if (parameter.enum) return enumSchema(parameter.enum);
  switch (parameter.type) {
    case 'string':
      return stringSchema(parameter);
    case 'number':
      return numberSchema('z.number()', parameter);
    case 'integer':
      return numberSchema('z.int()', parameter);
    case 'boolean':
      return 'z.boolean()';
    case 'array':
      return arraySchema(parameter, indent);
    case 'object':
      return parameter.properties && Object.keys(parameter.properties).length > 0
        ? objectSchema(parameter.properties, indent)
        : 'z.record(z.string(), z.unknown())';
  }
}

function enumSchema(values: readonly (string | number | boolean)[]): string {
  if (values.every((v) => typeof v === 'string')) return `z.enum(${jsValue(values)})`;
  return `z.literal(${jsValue(values)})`;
}

function stringSchema(parameter: ParameterSpec): string {
  let code = parameter.format ? FORMAT_CONSTRUCTORS[parameter.format] : 'z.string()';
  if (parameter.minLength !== undefined) code += `.min(${jsValue(parameter.minLength)})`;
  if (parameter.maxLength !== undefined) code += `.max(${jsValue(parameter.maxLength)})`;
  // Linear-time matching (templates/server/lib/linear-pattern.ts): a spec pattern must not be able to
  // freeze the server with one crafted argument.
  if (parameter.pattern !== undefined) code += `.regex(linearPattern(${jsString(parameter.pattern)}))`;
  return code;
}

function numberSchema(base: string, parameter: ParameterSpec): string {
  let code = base;
  if (parameter.minimum !== undefined) code += `.min(${jsValue(parameter.minimum)})`;
  if (parameter.maximum !== undefined) code += `.max(${jsValue(parameter.maximum)})`;
  return code;
}

function arraySchema(parameter: ParameterSpec, indent: string): string {
  const items = parameter.items ? itemSchema(parameter.items, indent) : 'z.unknown()';
  let code = `z.array(${items})`;
  if (parameter.minItems !== undefined) code += `.min(${jsValue(parameter.minItems)})`;
  if (parameter.maxItems !== undefined) code += `.max(${jsValue(parameter.maxItems)})`;
  return code;
}

/** Array items are always present, so `required` does not apply to them. */
function itemSchema(items: ParameterSpec, indent: string): string {
  let code = baseSchema(items, indent);
  if (items.description) code += `.describe(${jsString(items.description)})`;
  return code;
}

/** True when a parameter, or an item or property inside one, has a `pattern` (its file imports linearPattern). */
export function hasPattern(parameters: Readonly<Record<string, ParameterSpec>>): boolean {
  return Object.values(parameters).some(
    (parameter) =>
      parameter.pattern !== undefined ||
      (parameter.items !== undefined && hasPattern({ items: parameter.items })) ||
      (parameter.properties !== undefined && hasPattern(parameter.properties)),
  );
}
