/**
 * The small TypeScript files around the tools: the tool list, the user-owned handler stubs and the entry
 * point. Only identifiers from `toolNames` and literals from `escape.ts` are written into them.
 */
import type { ToolSpec } from '../../spec/types.js';
import { jsComment, jsString } from '../escape.js';
import type { ToolNames } from '../tool-names.js';

/** src/tools/index.gen.ts: every tool, in spec order. */
export function toolsIndexFile(names: readonly ToolNames[]): string {
  const imports = names.map((n) => `import ${n.identifier} from './${n.stem}.js';`);
  const list = names.map((n) => `  ${n.identifier},`);
  return [
    "import type { ToolDefinition } from '../lib/contract.js';",
    ...imports,
    '',
    `export const tools: ToolDefinition[] = [\n${list.join('\n')}\n];`,
    '',
  ].join('\n');
}

/**
 * src/handlers/<tool>.ts: a typed stub that reports "not implemented" (never a fake success) until the
 * user writes it. Its arguments are typed from the tool's input schema.
 */
export function handlerStubFile(tool: ToolSpec, names: ToolNames): string {
  const detail = `tool "${tool.name}" — write its handler in src/handlers/${names.stem}.ts`;
  return [
    "import type { z } from 'zod';",
    "import { NOT_IMPLEMENTED_MARKER, type ToolContext, ToolError } from '../lib/contract.js';",
    `import type { inputSchema } from '../tools/${names.stem}.js';`,
    '',
    "/** The validated arguments (defaults filled in), typed from the tool's input schema. */",
    'export type Args = z.infer<typeof inputSchema>;',
    '',
    `/** ${jsComment(tool.description || `The ${tool.name} tool.`)} */`,
    'export default async function handler(args: Args, context: ToolContext): Promise<unknown> {',
    "  // Do the work here and return a JSON value (it must match the tool's outputSchema, if any).",
    "  // Throw ToolError('message') for a failure the caller should see; use context.connection(name)",
    '  // for a connection declared in mcp.spec.yaml and context.log for logs.',
    "  context.log.warn('handler not implemented', { argumentNames: Object.keys(args) });",
    `  throw new ToolError(\`\${NOT_IMPLEMENTED_MARKER} \${${jsString(detail)}}\`);`,
    '}',
    '',
  ].join('\n');
}

/** src/index.ts: the entry point. */
export function entryFile(): string {
  return [
    '#!/usr/bin/env node',
    "import { config, prompts, resources } from './config.gen.js';",
    "import { startServer } from './lib/server.js';",
    "import { tools } from './tools/index.gen.js';",
    '',
    'await startServer({ config, tools, resources, prompts });',
    '',
  ].join('\n');
}
