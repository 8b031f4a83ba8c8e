/**
 * Entry point of the stdio bridge process, run by the supervisor for stdio servers:
 *   node bridge-main.js --port P --max-sessions N --idle-ms MS -- <server command…>
 * It spawns the first stdio child before loading the SDK, so the child boots while the bridge does (the
 * two boots would otherwise add up on every deploy), then serves the bridge (bridge-server.ts).
 */
import { spawnStdio } from './stdio-spawn.js';
import { DEFAULTS } from './supervisor-config.js';

export interface BridgeArgs {
  readonly port: number;
  readonly maxSessions: number;
  readonly idleMs: number;
  readonly command: readonly string[];
}

function parseArgs(argv: readonly string[]): BridgeArgs {
  const split = argv.indexOf('--');
  const flags = split === -1 ? argv : argv.slice(0, split);
  const value = (name: string, fallback: number) => {
    const index = flags.indexOf(name);
    const parsed = index === -1 ? fallback : Number(flags[index + 1]);
    if (!Number.isFinite(parsed)) throw new Error(`bridge: ${name} must be a number`);
    return parsed;
  };
  return {
    port: value('--port', 0),
    maxSessions: value('--max-sessions', DEFAULTS.bridge.maxSessions),
    idleMs: value('--idle-ms', DEFAULTS.bridge.sessionIdleMs),
    command: split === -1 ? [] : argv.slice(split + 1),
  };
}

const args = parseArgs(process.argv.slice(2));
const [command, ...rest] = args.command;
if (command === undefined) throw new Error('bridge: no server command after --');
const server = { command, args: rest, cwd: process.cwd(), env: process.env };
const early = args.maxSessions > 0 ? spawnStdio(server) : undefined;
const { serveBridge } = await import('./bridge-server.js');
serveBridge(args, server, early);
