/**
 * src/tools/<tool>.ts: one `defineTool({ … })` per tool, its input and output schemas and its
 * implementation as data. Handler tools import their (user-owned) function from src/handlers/ and export
 * the `Args` / `Result` types the handler is written against.
 */
import { FactoryError } from '../../errors.js';
import type { ImplementationSpec, ToolSpec } from '../../spec/types.js';
import { jsPretty, jsString, jsValue } from '../escape.js';
import type { ToolNames } from '../tool-names.js';
import { hasPattern, shapeEntries } from './input-schema.js';
import { type OutputPlan, outputPlan } from './output-schema.js';

export function toolFile(tool: ToolSpec, names: ToolNames): string {
  const output = outputPlan(tool);
  const isHandler = tool.implementation.type === 'handler';
  const runtimeImports = [
    'defineTool',
    ...(tool.pagination ? ['paginationInputShape', 'paginationOutputShape'] : []),
  ];
  return [
    "import { z } from 'zod';",
    ...(isHandler ? [`import handler from '../handlers/${names.stem}.js';`] : []),
    `import { ${runtimeImports.join(', ')} } from '../lib/contract.js';`,
    ...(hasPattern(tool.parameters) ? ["import { linearPattern } from '../lib/linear-pattern.js';"] : []),
    '',
    // `as const` keeps `order` the literal union the runtime's PaginationConfig expects.
    ...(tool.pagination ? [`const pagination = ${jsValue(tool.pagination)} as const;`, ''] : []),
    `export const inputSchema = ${inputSchema(tool)};`,
    '',
    ...(output.schema === undefined ? [] : [`export const outputSchema = ${output.schema};`, '']),
    ...(isHandler ? [...handlerTypes(output), ''] : []),
    'export default defineTool({',
    ...definitionLines(tool, output),
    '});',
    '',
  ].join('\n');
}

function inputSchema(tool: ToolSpec): string {
  const entries = shapeEntries(tool.parameters, '  ');
  if (tool.pagination) entries.push('  ...paginationInputShape(pagination),');
  return entries.length === 0 ? 'z.object({})' : `z.object({\n${entries.join('\n')}\n})`;
}

/** The handler returns the list itself when the runtime wraps it as `{ items }`. */
function handlerTypes(output: OutputPlan): string[] {
  const result =
    output.schema === undefined
      ? 'unknown'
      : output.wrap === 'items'
        ? "z.output<typeof outputSchema>['items']"
        : 'z.output<typeof outputSchema>';
  return ['export type Args = z.output<typeof inputSchema>;', `export type Result = ${result};`];
}

function definitionLines(tool: ToolSpec, output: OutputPlan): string[] {
  return [
    `  name: ${jsString(tool.name)},`,
    ...(tool.title === undefined ? [] : [`  title: ${jsString(tool.title)},`]),
    `  description: ${jsString(tool.description)},`,
    '  inputSchema,',
    ...(output.schema === undefined ? [] : ['  outputSchema,']),
    `  wrap: ${jsString(output.wrap)},`,
    ...(tool.pagination ? ['  pagination,'] : []),
    `  annotations: ${jsPretty(annotations(tool), '  ')},`,
    `  implementation: ${implementation(tool)},`,
  ];
}

function annotations(tool: ToolSpec): Record<string, unknown> {
  const a = tool.annotations;
  return {
    title: a.title,
    readOnlyHint: a.readOnly,
    destructiveHint: a.destructive,
    idempotentHint: a.idempotent,
    openWorldHint: a.openWorld,
  };
}

/** The implementation as a data literal; the connection name is carried into it. */
function implementation(tool: ToolSpec): string {
  const spec: ImplementationSpec = tool.implementation;
  if (spec.type === 'handler') return "{ type: 'handler', handler }";
  if (tool.connection === undefined) {
    throw new FactoryError(
      'SPEC_INVALID',
      `tool "${tool.name}" uses a ${spec.type} implementation but names no connection`,
      { hint: 'add `connection: <name>` to the tool' },
    );
  }
  const { type, ...rest } = spec;
  return jsPretty({ type, connection: tool.connection, ...rest }, '  ');
}
