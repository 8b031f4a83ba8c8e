/**
 * src/tools/<tool>.ts: one `defineTool({ … })` per tool, its input and output schemas and its
 * implementation as data. Handler tools import their (user-owned) function from src/handlers/.
 */
import { FactoryError } from '../../errors.js';
import type { ImplementationSpec, ToolSpec } from '../../spec/types.js';
import { jsPretty, jsString, jsValue } from '../escape.js';
import type { ToolNames } from '../tool-names.js';
import { shapeEntries } from './input-schema.js';
import { outputPlan } from './output-schema.js';

export function toolFile(tool: ToolSpec, names: ToolNames): string {
  const output = outputPlan(tool);
  const paginated = tool.pagination !== undefined;
  const imports = [
    "import { z } from 'zod';",
    "import { defineTool } from '../lib/contract.js';",
    ...(paginated
      ? ["import { paginationInputShape, paginationOutputShape } from '../lib/pagination.js';"]
      : []),
    ...(tool.implementation.type === 'handler'
      ? [`import handler from '../handlers/${names.stem}.js';`]
      : []),
  ];
  return [
    imports.join('\n'),
    '',
    `export const inputSchema = ${inputSchema(tool)};`,
    '',
    'export default defineTool({',
    ...definitionLines(tool, output),
    '});',
    '',
  ].join('\n');
}

function inputSchema(tool: ToolSpec): string {
  const entries = shapeEntries(tool.parameters, '  ');
  if (tool.pagination) entries.push(`  ...paginationInputShape(${jsValue(tool.pagination)}),`);
  return entries.length === 0 ? 'z.object({})' : `z.object({\n${entries.join('\n')}\n})`;
}

function definitionLines(tool: ToolSpec, output: ReturnType<typeof outputPlan>): string[] {
  return [
    `  name: ${jsString(tool.name)},`,
    ...(tool.title === undefined ? [] : [`  title: ${jsString(tool.title)},`]),
    `  description: ${jsString(tool.description)},`,
    '  inputSchema,',
    ...(output.schema === undefined ? [] : [`  outputSchema: ${output.schema},`]),
    `  wrap: ${jsString(output.wrap)},`,
    `  annotations: ${jsValue(annotations(tool))},`,
    ...(tool.pagination ? [`  pagination: ${jsValue(tool.pagination)},`] : []),
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
      {
        hint: 'add `connection: <name>` to the tool',
      },
    );
  }
  const { type, ...rest } = spec;
  return jsPretty({ type, connection: tool.connection, ...rest }, '  ');
}
