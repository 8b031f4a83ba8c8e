/**
 * server.json in the official MCP registry format (schema 2025-12-11).
 *
 * Namespace: the registry only accepts names whose namespace the publisher has proved to own
 * (`io.github.<user>/…` via GitHub, a reverse domain via DNS). The factory cannot know or prove an owner,
 * so by default it writes `local/<name>`: valid by the schema's name pattern, obviously unpublished, and
 * rejected by the registry until the user replaces it with a namespace they own — instead of silently
 * claiming someone else's. `PlanOptions.registryNamespace` (e.g. `io.github.alice`) sets a real one.
 */
import type { ServerSpec } from '../../spec/types.js';
import type { EnvVar } from '../env-vars.js';
import { stableJson } from './serialize.js';

export const SERVER_JSON_SCHEMA =
  'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';
export const DEFAULT_REGISTRY_NAMESPACE = 'local';
const MAX_DESCRIPTION = 100;

export function serverJson(spec: ServerSpec, variables: readonly EnvVar[], namespace: string): string {
  return stableJson({
    $schema: SERVER_JSON_SCHEMA,
    name: `${namespace}/${spec.name}`,
    description: registryDescription(spec),
    version: spec.version,
    packages: [
      {
        registryType: 'npm',
        identifier: spec.name,
        version: spec.version,
        transport: { type: 'stdio' },
        environmentVariables: variables
          .filter((v) => v.name !== 'MCP_TRANSPORT' && v.name !== 'MCP_HOST' && v.name !== 'MCP_PORT')
          .map((v) => ({
            name: v.name,
            description: v.description,
            isRequired: v.required,
            isSecret: v.secret,
            format: 'string',
          })),
      },
    ],
  });
}

/** The spec's description on one line, cut to the registry's 100 characters. */
export function registryDescription(spec: ServerSpec): string {
  const text = spec.description.replace(/\s+/g, ' ').trim() || `MCP server ${spec.name}`;
  const chars = [...text];
  return chars.length <= MAX_DESCRIPTION
    ? text
    : `${chars
        .slice(0, MAX_DESCRIPTION - 1)
        .join('')
        .trimEnd()}…`;
}
