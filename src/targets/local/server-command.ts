/**
 * What the supervisor actually spawns. HTTP servers run their own command with the address in both forms
 * a generated entry understands (templates/server/lib/runtime-options.ts: `--transport http --host H
 * --port P`, and `MCP_TRANSPORT`/`MCP_HOST`/`MCP_PORT`/`PORT`); stdio servers run behind the bridge, which
 * gets the server command (with `--transport stdio`) after `--`.
 */
import type { SupervisorConfig } from './supervisor-config.js';

export interface SpawnSpec {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Record<string, string | undefined>;
}

export function serverCommand(
  config: SupervisorConfig,
  baseEnv: Readonly<Record<string, string | undefined>>,
): SpawnSpec {
  const [first, ...rest] = config.command;
  if (first === undefined) throw new Error('supervisor config has an empty command');
  // `node` is the node running the factory: the same version everywhere, and no reliance on PATH.
  const program = first === 'node' ? process.execPath : first;
  const port = String(config.port);
  if (config.transport === 'http') {
    return {
      command: program,
      args: [...rest, '--transport', 'http', '--host', '127.0.0.1', '--port', port],
      env: { ...baseEnv, PORT: port, MCP_PORT: port, MCP_HOST: '127.0.0.1', MCP_TRANSPORT: 'http' },
    };
  }
  const [bridgeProgram, ...bridgeArgs] = config.bridgeCommand;
  if (bridgeProgram === undefined) throw new Error('supervisor has no bridge command');
  const limits = [
    '--max-sessions',
    String(config.bridge.maxSessions),
    '--idle-ms',
    String(config.bridge.sessionIdleMs),
  ];
  return {
    command: bridgeProgram,
    args: [...bridgeArgs, '--port', port, ...limits, '--', program, ...rest, '--transport', 'stdio'],
    env: { ...baseEnv, MCP_TRANSPORT: 'stdio' },
  };
}
