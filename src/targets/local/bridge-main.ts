/**
 * Entry point of the stdio bridge process, run by the supervisor for stdio servers:
 *   node bridge-main.js --port P --max-sessions N --idle-ms MS -- <server command…>
 * Serves the bridge on 127.0.0.1:P/mcp (plus /healthz). A process entry: it may exit the process.
 */
import { createServer } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import { createStdioBridge } from './stdio-bridge.js';

interface BridgeArgs {
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
    maxSessions: value('--max-sessions', 16),
    idleMs: value('--idle-ms', 600_000),
    command: split === -1 ? [] : argv.slice(split + 1),
  };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const [command, ...rest] = args.command;
  if (command === undefined) throw new Error('bridge: no server command after --');
  const bridge = createStdioBridge({
    server: { command, args: rest, cwd: process.cwd(), env: process.env },
    maxSessions: args.maxSessions,
    idleMs: args.idleMs,
  });
  const handle = toNodeHandler(bridge);
  const server = createServer((req, res) => {
    if (req.url === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    void handle(req, res);
  });
  const sweeper = setInterval(() => bridge.sweep(), Math.min(30_000, Math.max(1_000, args.idleMs / 4)));
  server.on('error', (error) => {
    process.stderr.write(`bridge: ${error.message}\n`);
    process.exit(1);
  });
  bridge.warm();
  server.listen(args.port, '127.0.0.1', () => {
    process.stderr.write(
      `bridge ${process.pid} listening on 127.0.0.1:${args.port}/mcp for: ${args.command.join(' ')}\n`,
    );
  });
  const shutdown = () => {
    clearInterval(sweeper);
    bridge.close();
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main();
