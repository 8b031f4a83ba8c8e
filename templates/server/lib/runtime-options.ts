/**
 * Where the server listens, decided once at start-up. Precedence, highest first:
 *   options passed to startServer (tests) > command-line flags > environment > the spec's config.
 *
 *   --transport stdio|http   MCP_TRANSPORT
 *   --port N                 MCP_PORT, then PORT (the convention of most hosting platforms)
 *   --host H                 MCP_HOST
 */
import type { ServerConfig, Transport } from './contract.js';

export interface RuntimeOptions {
  readonly transport: Transport;
  readonly host: string;
  readonly port: number;
}

export interface RuntimeOverrides {
  readonly transport?: Transport | undefined;
  readonly host?: string | undefined;
  readonly port?: number | undefined;
}

/** A start-up problem the operator can fix (bad flag, missing env var); reported without a stack. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export function resolveRuntimeOptions(
  config: ServerConfig,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  overrides: RuntimeOverrides = {},
): RuntimeOptions {
  const flags = parseFlags(argv);
  const transport =
    overrides.transport ?? parseTransport(flags.transport ?? env.MCP_TRANSPORT ?? config.transport);
  const portText = flags.port ?? env.MCP_PORT ?? env.PORT;
  const port = overrides.port ?? (portText === undefined ? config.http.port : parsePort(portText));
  const host = overrides.host ?? flags.host ?? env.MCP_HOST ?? config.http.host;
  return { transport, host, port };
}

function parseFlags(argv: readonly string[]): { transport?: string; port?: string; host?: string } {
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--(transport|port|host)(?:=(.*))?$/.exec(arg);
    if (!match) continue;
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '') throw new StartupError(`${arg} needs a value`);
    flags[match[1] as string] = value;
  }
  return flags;
}

function parseTransport(value: string): Transport {
  const normalized = value.trim().toLowerCase();
  if (normalized === 'stdio' || normalized === 'http') return normalized;
  throw new StartupError(`unknown transport "${value}": use stdio or http`);
}

function parsePort(value: string): number {
  const port = Number(value.trim());
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new StartupError(`invalid port "${value}": use a number from 0 to 65535`);
  }
  return port;
}
