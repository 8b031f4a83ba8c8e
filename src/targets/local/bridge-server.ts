/**
 * The bridge process's HTTP side: the stdio bridge mounted on node:http at 127.0.0.1:<port>/mcp (plus
 * /healthz, whose JSON says how full the bridge is), sessions whose client is gone swept every second
 * (cheap: a walk over at most maxSessions entries), everything ended on SIGTERM. Part of a process entry,
 * so it may exit the process.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import type { BridgeArgs } from './bridge-main.js';
import { createStdioBridge } from './stdio-bridge.js';
import type { StdioCommand } from './stdio-spawn.js';

const SWEEP_INTERVAL_MS = 1_000;

export function serveBridge(args: BridgeArgs, command: StdioCommand, early: ChildProcess | undefined): void {
  const bridge = createStdioBridge({
    server: command,
    maxSessions: args.maxSessions,
    idleMs: args.idleMs,
    ...(early === undefined ? {} : { early }),
  });
  const handle = toNodeHandler(bridge);
  const server = createServer((req, res) => {
    if (req.url === '/healthz') {
      const body = JSON.stringify({ status: 'ok', ...bridge.load() });
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    }
    void handle(req, res);
  });
  const sweeper = setInterval(() => bridge.sweep(), SWEEP_INTERVAL_MS);
  server.on('error', (error) => {
    process.stderr.write(`bridge: ${error.message}\n`);
    bridge.close();
    process.exit(1);
  });
  server.listen(args.port, '127.0.0.1', () => {
    const line = args.command.join(' ');
    process.stderr.write(`bridge ${process.pid} listening on 127.0.0.1:${args.port}/mcp for: ${line}\n`);
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
