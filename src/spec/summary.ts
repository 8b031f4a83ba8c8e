/**
 * A short human summary of what a valid spec would generate (`validate --plan`): server, transport, auth,
 * connections with their env vars, tools with their implementation and parameters, triggers.
 */
import { envVarUses } from './rules/env-vars.js';
import type { AuthSpec, ServerSpec, ToolSpec, TriggerSpec } from './types.js';

export function describeSpec(spec: ServerSpec): string {
  const lines = [`${spec.name} ${spec.version}${spec.description ? ` — ${spec.description}` : ''}`];
  lines.push(`  transport:   ${describeTransport(spec)}`);
  lines.push(`  auth:        ${describeAuth(spec.auth)}`);
  lines.push(`  connections: ${spec.connections.length === 0 ? 'none' : ''}`);
  for (const c of spec.connections) {
    const fallback = c.type === 'sqlite' && c.defaultPath ? ` (else ${c.defaultPath})` : '';
    lines.push(`    ${c.name.padEnd(20)} ${c.type.padEnd(10)} env ${c.envVar}${fallback}`);
  }
  lines.push(`  tools (${spec.tools.length}):`);
  for (const tool of spec.tools) lines.push(...describeTool(tool));
  lines.push(`  triggers:    ${spec.triggers.length === 0 ? 'none' : ''}`);
  for (const trigger of spec.triggers) lines.push(`    ${describeTrigger(trigger)} → ${trigger.tool}`);
  const env = [...new Set(envVarUses(spec).map((use) => use.name))];
  lines.push(`  env vars:    ${env.length === 0 ? 'none' : env.join(', ')}`);
  return lines.map((line) => line.trimEnd()).join('\n');
}

function describeTransport(spec: ServerSpec): string {
  if (spec.transport === 'stdio') return 'stdio';
  return `http on ${spec.http.host}:${spec.http.port}`;
}

function describeAuth(auth: AuthSpec): string {
  switch (auth.type) {
    case 'none':
      return 'none';
    case 'api_key':
      return `api_key (header ${auth.header}, keys in ${auth.envVar})`;
    case 'bearer':
      return `bearer (tokens in ${auth.envVar})`;
    case 'oauth2':
      return `oauth2 (issuer ${auth.issuer}, audience ${auth.audience})`;
  }
}

function describeTool(tool: ToolSpec): string[] {
  const implementation = tool.implementation;
  const via = tool.connection ? ` on ${tool.connection}` : '';
  const traits = [
    implementation.type === 'handler' ? 'handler (you write it)' : `${implementation.type}${via}`,
    tool.annotations.readOnly ? 'read-only' : undefined,
    tool.annotations.destructive ? 'destructive' : undefined,
    tool.pagination
      ? `paginated ${tool.pagination.pageSize} (max ${tool.pagination.maxPageSize})`
      : undefined,
  ].filter((t): t is string => t !== undefined);
  const parameters = Object.entries(tool.parameters).map(
    ([name, p]) => `${name}${p.required ? '*' : ''}: ${p.type}`,
  );
  return [
    `    ${tool.name.padEnd(20)} ${traits.join(', ')}`,
    `      parameters: ${parameters.length === 0 ? 'none' : parameters.join(', ')}`,
  ];
}

function describeTrigger(trigger: TriggerSpec): string {
  switch (trigger.type) {
    case 'webhook':
      return `webhook POST ${trigger.path}${trigger.secret ? ' (signed)' : ''}`;
    case 'cron':
      return `cron ${JSON.stringify(trigger.schedule)} (${trigger.timezone})`;
    case 'file':
      return `file ${trigger.events.join('/')} ${trigger.paths.join(', ')}`;
    case 'queue':
      return `queue ${trigger.kind} ${trigger.queue} on ${trigger.connection}`;
    case 'database':
      return `database LISTEN ${trigger.channel} on ${trigger.connection}`;
    case 'startup':
      return 'startup';
  }
}
