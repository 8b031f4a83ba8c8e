/**
 * The bridge process's HTTP side: the stdio bridge mounted on node:http at 127.0.0.1:<port>/mcp (plus
 * /healthz), idle sessions swept on a timer, everything ended on SIGTERM. Part of a process entry, so it
 * may exit the process.
 */
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import { toNodeHandler } from '@modelcontextprotocol/node';
import type { BridgeArgs } from './bridge-main.js';
import { createStdioBridge } from './stdio-bridge.js';
import type { StdioCommand } from './stdio-spawn.js';

export function serveBridge(args: BridgeArgs, command: StdioCommand, early: ChildProcess | undefined): void {
  const bridge = createStdioBridge({
    server: command,
    maxSessions: args.maxSessions,
    idleMs: args.idleMs,
    ...(early === undefined ? {} : { early }),
  });
  const handle = toNodeHandler(bridge);
  const server = createServer((req, res) => {
    if (req.url === '/healthz') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    void handle(req, res);
  });
  const sweeper = setInterval(() => bridge.sweep(), Math.min(30_000, Math.max(1_000, args.idleMs / 4)));
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
