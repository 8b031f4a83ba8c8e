/**
 * The small TypeScript files around the tools: the tool list, the user-owned handler stubs and the entry
 * point. Only identifiers from `toolNames` and literals from `escape.ts` are written into them.
 */
import type { ServerSpec, ToolSpec } from '../../spec/types.js';
import { jsComment, jsPretty, jsString } from '../escape.js';
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
 * user writes it. `Args` and `Result` come from the tool's own schemas in src/tools/<tool>.ts.
 */
export function handlerStubFile(tool: ToolSpec, names: ToolNames): string {
  const detail = `tool "${tool.name}" — write its handler in src/handlers/${names.stem}.ts`;
  return [
    "import { NOT_IMPLEMENTED_MARKER, type ToolContext, ToolError } from '../lib/contract.js';",
    `import type { Args, Result } from '../tools/${names.stem}.js';`,
    '',
    `/** ${jsComment(tool.description || `The ${tool.name} tool.`)} */`,
    'export default async function handler(args: Args, context: ToolContext): Promise<Result> {',
    "  // Do the work here and return the result (it must match the tool's outputSchema, if any).",
    "  // Throw ToolError('message') for a failure the caller should see; use context.connection(name)",
    '  // for a connection declared in mcp.spec.yaml and context.log for logs.',
    "  context.log.warn('handler not implemented', { argumentNames: Object.keys(args) });",
    `  throw new ToolError(\`\${NOT_IMPLEMENTED_MARKER} \${${jsString(detail)}}\`);`,
    '}',
    '',
  ].join('\n');
}

/** src/server.gen.ts: the whole server definition the runtime starts. */
export function serverDefinitionFile(): string {
  return [
    "import { config, prompts, resources } from './config.gen.js';",
    "import type { ServerDefinition } from './lib/contract.js';",
    "import { tools } from './tools/index.gen.js';",
    '',
    'export const definition: ServerDefinition = { config, tools, resources, prompts };',
    '',
  ].join('\n');
}

/**
 * src/index.ts: the entry point (also the package's bin, hence the shebang). With triggers, webhooks are
 * mounted on the server's HTTP listener and the triggers start once the server is up (src/triggers/).
 */
export function entryFile(withTriggers = false): string {
  if (!withTriggers)
    return [
      '#!/usr/bin/env node',
      "import { startServer } from './lib/main.js';",
      "import { definition } from './server.gen.js';",
      '',
      'await startServer(definition);',
      '',
    ].join('\n');
  return [
    '#!/usr/bin/env node',
    "import { startServer } from './lib/main.js';",
    "import { definition } from './server.gen.js';",
    "import { attachTriggers } from './triggers/attach.js';",
    "import { createWebhookRouter } from './triggers/webhook/router.js';",
    "import { triggers } from './triggers.gen.js';",
    '',
    'const router = createWebhookRouter();',
    'const server = await startServer(definition, { routes: [router.route] });',
    'await attachTriggers(server, { configs: triggers, router, config: definition.config, env: process.env });',
    '',
  ].join('\n');
}

/** src/triggers.gen.ts: the spec's triggers as data (the normalized spec's shape is TriggerConfig's). */
export function triggersFile(spec: ServerSpec): string {
  return [
    "import type { TriggerConfig } from './triggers/contract.js';",
    '',
    `export const triggers: TriggerConfig[] = ${jsPretty(spec.triggers)};`,
    '',
  ].join('\n');
}
