/**
 * What the registry records for a generated server, derived from its normalized spec: the tools, the
 * connections, and the env vars it reads (names and whether they hold credentials — never values).
 */
import type { ConnectionSpec, ServerSpec } from '../spec/schema.js';
import type { DependencyInput, VersionInput } from './records.js';

export interface GeneratedVersionOptions {
  /** The generated project directory. */
  readonly artifactDir: string;
  /** The generated package.json `dependencies` (name → version range). */
  readonly npmDependencies?: Readonly<Record<string, string>> | undefined;
}

// Connection URLs of these kinds carry a user and password; files roots, SQLite paths and base URLs do not.
const SECRET_CONNECTION_TYPES: ReadonlySet<ConnectionSpec['type']> = new Set([
  'postgresql',
  'mysql',
  'redis',
  'rabbitmq',
]);

function connectionEnv(connection: ConnectionSpec): DependencyInput[] {
  const main: DependencyInput = {
    kind: 'env',
    name: connection.envVar,
    detail: `${connection.type} connection "${connection.name}"`,
    required: !(connection.type === 'sqlite' && connection.defaultPath !== undefined),
    secret: SECRET_CONNECTION_TYPES.has(connection.type),
  };
  if ((connection.type !== 'http' && connection.type !== 'graphql') || connection.auth.type === 'none') {
    return [main];
  }
  const auth = { kind: 'env' as const, name: connection.auth.envVar, required: true, secret: true };
  return [main, { ...auth, detail: `credentials for connection "${connection.name}"` }];
}

function envDependencies(spec: ServerSpec): DependencyInput[] {
  const found = spec.connections.flatMap(connectionEnv);
  if (spec.auth.type === 'api_key' || spec.auth.type === 'bearer') {
    found.push({
      kind: 'env',
      name: spec.auth.envVar,
      detail: `accepted ${spec.auth.type} values`,
      secret: true,
    });
  }
  for (const trigger of spec.triggers) {
    if (trigger.type === 'webhook' && trigger.secret) {
      const detail = `signing secret of webhook ${trigger.path}`;
      found.push({ kind: 'env', name: trigger.secret.envVar, detail, secret: true });
    }
  }
  return mergeByName(found);
}

/** One entry per env var: required or secret if any use of it is. */
function mergeByName(dependencies: readonly DependencyInput[]): DependencyInput[] {
  const byName = new Map<string, DependencyInput>();
  for (const dependency of dependencies) {
    const seen = byName.get(dependency.name);
    byName.set(
      dependency.name,
      seen === undefined
        ? dependency
        : {
            ...seen,
            required: seen.required !== false || dependency.required !== false,
            secret: Boolean(seen.secret || dependency.secret),
          },
    );
  }
  return [...byName.values()];
}

export function versionFromSpec(spec: ServerSpec, options: GeneratedVersionOptions): VersionInput {
  const npm = Object.entries(options.npmDependencies ?? {}).map(([name, range]) => ({
    kind: 'npm' as const,
    name,
    detail: range,
  }));
  const connections = spec.connections.map((connection) => ({
    kind: 'connection' as const,
    name: connection.name,
    detail: connection.type,
  }));
  return {
    name: spec.name,
    version: spec.version,
    description: spec.description,
    kind: 'generated',
    spec,
    artifactDir: options.artifactDir,
    transport: spec.transport,
    tools: spec.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      parameters: tool.parameters,
      implementation: tool.implementation?.type ?? 'none',
    })),
    dependencies: [...npm, ...connections, ...envDependencies(spec)],
  };
}
