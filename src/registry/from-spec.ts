/**
 * What the registry records for a generated server, derived from its normalized spec: the tools and the
 * connections, plus the npm packages and env vars (names and flags, never values) the caller hands in —
 * the generator is the one place that decides which env vars a server reads.
 */
import type { ServerSpec } from '../spec/schema.js';
import type { VersionInput } from './records.js';

/** An env var the server reads; only its name and flags are stored. */
export interface EnvVarDependency {
  readonly name: string;
  readonly description: string;
  readonly required: boolean;
  readonly secret: boolean;
}

export interface GeneratedVersionOptions {
  /** The generated project directory. */
  readonly artifactDir: string;
  /** The generated package.json `dependencies` (name → version range). */
  readonly npmDependencies?: Readonly<Record<string, string>> | undefined;
  /** The env vars the generated server reads (the generator's list). */
  readonly envVars?: readonly EnvVarDependency[] | undefined;
}

export function versionFromSpec(spec: ServerSpec, options: GeneratedVersionOptions): VersionInput {
  const npm = Object.entries(options.npmDependencies ?? {}).map(([name, range]) => ({
    kind: 'npm' as const,
    name,
    detail: range,
  }));
  const env = (options.envVars ?? []).map((variable) => ({
    kind: 'env' as const,
    name: variable.name,
    detail: variable.description,
    required: variable.required,
    secret: variable.secret,
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
    dependencies: [...npm, ...connections, ...env],
  };
}
