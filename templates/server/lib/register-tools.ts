/**
 * Builds one `McpServer` with every tool, resource and prompt of the definition. The HTTP entry builds a
 * fresh one per request (stateless, both protocol eras) and stdio one per connection, so this must stay
 * cheap and side-effect free: connections, metrics and logs live in the shared `ToolRuntime`.
 */
import { type AuthInfo, McpServer } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type {
  CallerInfo,
  PromptDefinition,
  ResourceDefinition,
  ServerDefinition,
  ToolDefinition,
} from './contract.js';
import { runTool, type ToolRuntime } from './run-tool.js';

export function buildMcpServer(definition: ServerDefinition, runtime: ToolRuntime): McpServer {
  const { config } = definition;
  const server = new McpServer(
    { name: config.name, version: config.version },
    config.description ? { instructions: config.description } : {},
  );
  for (const tool of definition.tools) registerTool(server, tool, runtime);
  for (const resource of definition.resources) registerResource(server, resource);
  for (const prompt of definition.prompts) registerPrompt(server, prompt);
  return server;
}

function registerTool(server: McpServer, tool: ToolDefinition, runtime: ToolRuntime): void {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.inputSchema,
      outputSchema: tool.outputSchema,
      annotations: tool.annotations ? { ...tool.annotations } : undefined,
    },
    (args, ctx) =>
      runTool(
        tool,
        args as Record<string, unknown>,
        runtime,
        ctx.mcpReq.signal,
        callerOf(ctx.http?.authInfo),
      ),
  );
}

function callerOf(auth: AuthInfo | undefined): CallerInfo | undefined {
  if (!auth) return undefined;
  const subject = auth.extra?.sub;
  return {
    clientId: auth.clientId,
    scopes: auth.scopes,
    subject: typeof subject === 'string' ? subject : undefined,
  };
}

function registerResource(server: McpServer, resource: ResourceDefinition): void {
  server.registerResource(
    resource.name,
    resource.uri,
    { description: resource.description, mimeType: resource.mimeType },
    async () => ({ contents: [{ uri: resource.uri, mimeType: resource.mimeType, text: resource.text }] }),
  );
}

function registerPrompt(server: McpServer, prompt: PromptDefinition): void {
  const shape: Record<string, z.ZodType<string | undefined>> = {};
  for (const arg of prompt.arguments) {
    const field = arg.description ? z.string().describe(arg.description) : z.string();
    shape[arg.name] = arg.required ? field : field.optional();
  }
  server.registerPrompt(
    prompt.name,
    { description: prompt.description, argsSchema: z.object(shape) },
    async (args) => ({
      messages: [{ role: 'user', content: { type: 'text', text: fillPrompt(prompt.text, args) } }],
    }),
  );
}

/** `{name}` → the argument's value; unknown or absent names stay as written. */
export function fillPrompt(text: string, args: Readonly<Record<string, unknown>>): string {
  return text.replace(/\{([A-Za-z_][A-Za-z0-9_-]*)\}/g, (match, name: string) => {
    const value = args[name];
    return value === undefined || value === null ? match : String(value);
  });
}
