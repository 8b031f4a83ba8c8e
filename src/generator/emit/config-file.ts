/**
 * src/config.gen.ts: the server's configuration, resources and prompts as data (the runtime's
 * ServerConfig, ResourceDefinition and PromptDefinition shapes). Only fields the contract knows are copied,
 * so a spec-only field (a connection's description) never becomes an excess property.
 */
import type { ConnectionSpec, ServerSpec } from '../../spec/types.js';
import { jsPretty } from '../escape.js';

export function configFile(spec: ServerSpec): string {
  return [
    "import type { PromptDefinition, ResourceDefinition, ServerConfig } from './lib/contract.js';",
    '',
    `export const config: ServerConfig = ${jsPretty(serverConfig(spec))};`,
    '',
    `export const resources: ResourceDefinition[] = ${jsPretty(spec.resources)};`,
    '',
    `export const prompts: PromptDefinition[] = ${jsPretty(spec.prompts)};`,
    '',
  ].join('\n');
}

function serverConfig(spec: ServerSpec): Record<string, unknown> {
  return {
    name: spec.name,
    version: spec.version,
    description: spec.description,
    transport: spec.transport,
    http: spec.http,
    auth: spec.auth,
    connections: spec.connections.map(connectionConfig),
  };
}

function connectionConfig(connection: ConnectionSpec): Record<string, unknown> {
  const { description: _description, ...config } = connection;
  return config;
}
