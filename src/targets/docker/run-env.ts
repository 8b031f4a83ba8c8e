/**
 * The environment a container gets: the artifact's declared variables (values from the deploy options over
 * the caller's environment) plus the server's MCP_* run settings — never the caller's whole environment.
 * Values travel only in the engine's create call; the names alone are recorded.
 */
import type { Artifact } from '../target.js';

/** Run settings the generated server reads that a user may set; transport, host and port are ours. */
const PASSED_RUN_SETTINGS = [
  'MCP_ALLOWED_HOSTS',
  'MCP_ALLOWED_ORIGINS',
  'MCP_PUBLIC_URL',
  'MCP_LOG_LEVEL',
  'MCP_SQL_TIMEOUT_MS',
  'MCP_SHUTDOWN_TIMEOUT_MS',
] as const;

export interface RunEnv {
  /** `NAME=value` entries for the engine. */
  readonly entries: string[];
  /** The names among them (what may be written down). */
  readonly names: string[];
}

export function runEnv(
  artifact: Artifact,
  containerPort: number,
  source: Readonly<Record<string, string | undefined>>,
): RunEnv {
  const values = new Map<string, string>();
  for (const name of [...(artifact.env ?? []).map((v) => v.name), ...PASSED_RUN_SETTINGS]) {
    const value = source[name];
    if (value !== undefined && value !== '') values.set(name, value);
  }
  values.set('MCP_TRANSPORT', 'http');
  values.set('MCP_HOST', '0.0.0.0');
  values.set('MCP_PORT', String(containerPort));
  return {
    entries: [...values].map(([name, value]) => `${name}=${value}`),
    names: [...values.keys()],
  };
}
