#!/usr/bin/env node
/**
 * Benchmark baseline: the minimal MCP server a careful human writes by hand with the official SDK v2.
 * Generated servers are measured against this file, so it must stay plain: no factory runtime, no extra
 * middleware beyond what the SDK's README asks for (Host/Origin validation on HTTP).
 *
 *   node bench/baseline/server.mjs                     stdio (both protocol eras)
 *   node bench/baseline/server.mjs --http [--port N]   Streamable HTTP on 127.0.0.1:N/mcp (0 = any free
 *                                                       port), /healthz; prints "listening <url>" on stderr
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import {
  localhostHostValidation,
  localhostOriginValidation,
  toNodeHandler,
} from '@modelcontextprotocol/node';
import { createMcpHandler, McpServer } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { z } from 'zod';

function buildServer() {
  const server = new McpServer({ name: 'baseline', version: '1.0.0' });
  server.registerTool(
    'add',
    {
      description: 'Add two numbers.',
      inputSchema: z.object({ a: z.number(), b: z.number() }),
      outputSchema: z.object({ sum: z.number() }),
      annotations: { readOnlyHint: true },
    },
    async ({ a, b }) => {
      const output = { sum: a + b };
      return { content: [{ type: 'text', text: JSON.stringify(output) }], structuredContent: output };
    },
  );
  server.registerTool(
    'echo',
    {
      description: 'Return the text it is given.',
      inputSchema: z.object({ text: z.string() }),
      outputSchema: z.object({ text: z.string() }),
      annotations: { readOnlyHint: true },
    },
    async ({ text }) => ({
      content: [{ type: 'text', text: JSON.stringify({ text }) }],
      structuredContent: { text },
    }),
  );
  return server;
}

function serveHttp(port) {
  const mcp = toNodeHandler(createMcpHandler(buildServer));
  const validateHost = localhostHostValidation();
  const validateOrigin = localhostOriginValidation();
  const http = createServer((req, res) => {
    if (!validateHost(req, res) || !validateOrigin(req, res)) return;
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } else if (path === '/mcp') {
      void mcp(req, res);
    } else {
      res.writeHead(404).end();
    }
  });
  http.listen(port, '127.0.0.1', () => {
    const address = http.address();
    process.stderr.write(`listening http://127.0.0.1:${address.port}/mcp\n`);
  });
  const stop = () => http.close(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const { values } = parseArgs({
  options: { http: { type: 'boolean' }, port: { type: 'string', default: '3000' } },
});
if (values.http) serveHttp(Number(values.port));
else serveStdio(buildServer);
