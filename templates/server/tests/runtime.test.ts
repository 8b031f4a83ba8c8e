/** Start-up decisions, in-process calls, result shaping and the safety nets around them. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definition } from '../fixtures/notes/src/server.gen.js';
import { defineTool, type ServerDefinition, ToolError } from '../lib/contract.js';
import { toJsonSafe } from '../lib/json-safe.js';
import { startServer } from '../lib/main.js';
import { resolveRuntimeOptions, StartupError } from '../lib/runtime-options.js';
import { describeError, Redactor } from '../lib/safe-error.js';
import { connectHttp, inProcessHttpOptions } from '../testing/harness.js';
import {
  initializeBody,
  MCP_POST_HEADERS,
  rawRequest,
  SERVER_TEMPLATE_DIR,
  tempDir,
  withConfig,
} from './helpers.js';

const dir = tempDir('runtime');
afterAll(() => dir.remove());
const env = { NOTES_DB: join(dir.path, 'n.db') };

describe('resolveRuntimeOptions', () => {
  const config = definition.config;
  it.each([
    [[], {}, { transport: 'stdio', host: '127.0.0.1', port: 3000 }],
    [[], { MCP_TRANSPORT: 'http', PORT: '8080' }, { transport: 'http', host: '127.0.0.1', port: 8080 }],
    [
      [],
      { PORT: '8080', MCP_PORT: '9090', MCP_HOST: '0.0.0.0' },
      { transport: 'stdio', host: '0.0.0.0', port: 9090 },
    ],
    [
      ['--transport', 'http', '--port=7000', '--host', '::1'],
      { MCP_TRANSPORT: 'stdio', MCP_PORT: '9090' },
      { transport: 'http', host: '::1', port: 7000 },
    ],
    [['--transport=HTTP'], {}, { transport: 'http', host: '127.0.0.1', port: 3000 }],
  ] as const)('argv %j env %j', (argv, environment, expected) => {
    expect(resolveRuntimeOptions(config, argv, environment)).toEqual(expected);
  });

  it('lets startServer options override flags and env', () => {
    expect(
      resolveRuntimeOptions(
        config,
        ['--port', '1'],
        { MCP_TRANSPORT: 'stdio' },
        { transport: 'http', port: 0 },
      ),
    ).toMatchObject({
      transport: 'http',
      port: 0,
    });
  });

  it.each([
    [['--transport', 'pigeon'], {}, 'unknown transport "pigeon": use stdio or http'],
    [['--port', 'eighty'], {}, 'invalid port "eighty": use a number from 0 to 65535'],
    [[], { PORT: '70000' }, 'invalid port "70000"'],
    [['--port'], {}, '--port needs a value'],
  ] as const)('refuses argv %j env %j', (argv, environment, message) => {
    expect(() => resolveRuntimeOptions(config, argv, environment)).toThrow(StartupError);
    expect(() => resolveRuntimeOptions(config, argv, environment)).toThrow(message);
  });
});

describe('startServer', () => {
  const savedExitCode = process.exitCode;
  afterEach(() => {
    process.exitCode = savedExitCode;
  });

  it('logs an operator error and sets the exit code instead of throwing a stack at the user', async () => {
    const lines: string[] = [];
    const server = await startServer(definition, {
      argv: ['--transport', 'pigeon'],
      env,
      handleSignals: false,
      logSink: { write: (l: string) => lines.push(l) },
    });
    expect(server.started).toBe(false);
    expect(process.exitCode).toBe(1);
    expect(lines.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({
        level: 'error',
        msg: 'cannot start: unknown transport "pigeon": use stdio or http',
      }),
    ]);
  });

  it('throws on request, and reports a busy port as a start-up error', async () => {
    await expect(
      startServer(definition, {
        ...inProcessHttpOptions(env),
        argv: ['--transport', 'x'],
        transport: undefined,
      }),
    ).rejects.toThrow(StartupError);
    const first = await startServer(definition, inProcessHttpOptions(env));
    try {
      const lines: string[] = [];
      const second = await startServer(definition, {
        ...inProcessHttpOptions(env),
        port: first.port,
        throwOnStartupError: false,
        logSink: { write: (l: string) => lines.push(l) },
      });
      expect(second.started).toBe(false);
      expect(lines.join('')).toContain('EADDRINUSE');
    } finally {
      await first.close();
    }
  });

  it('ignores inbound auth on stdio: no keys needed to serve a local client', async () => {
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const withAuth = withConfig(definition, {
      auth: { type: 'api_key', header: 'X-API-Key', envVar: 'UNSET_KEYS' },
    });
    const server = await startServer(withAuth, {
      transport: 'stdio',
      argv: [],
      env,
      stdin,
      stdout,
      handleSignals: false,
      throwOnStartupError: true,
      logSink: { write: () => true },
    });
    const answer = new Promise<string>((resolve) =>
      stdout.once('data', (c: Buffer) => resolve(c.toString('utf8'))),
    );
    stdin.write(`${initializeBody()}\n`);
    expect(JSON.parse(await answer)).toMatchObject({ id: 1, result: { serverInfo: { name: 'notes' } } });
    expect(() => server.addRoute(() => false)).toThrow(/stdio transport has no HTTP listener/);
    await server.close();
  });

  it('calls tools in-process with input validation (for triggers)', async () => {
    const server = await startServer(definition, inProcessHttpOptions(env));
    try {
      expect(await server.callTool('word_count', { text: 'in process' })).toMatchObject({
        structuredContent: { words: 2, characters: 10 },
      });
      expect(await server.callTool('word_count', { text: 3 })).toMatchObject({
        isError: true,
        content: [{ text: expect.stringMatching(/^invalid arguments for word_count: text: /) }],
      });
      expect(await server.callTool('nope')).toMatchObject({
        isError: true,
        content: [{ text: 'unknown tool "nope"' }],
      });
      expect(server.metrics.snapshot(definition.config).tools.word_count?.calls).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('gives handlers the resolved client of each connection type', async () => {
    const probe = defineTool({
      name: 'probe',
      description: 'reads connections',
      inputSchema: z.object({ which: z.enum(['weather', 'shared', 'db']) }),
      wrap: 'none',
      implementation: {
        type: 'handler',
        handler: async ({ which }, ctx) => {
          if (which === 'weather') {
            const api = await ctx.connection<{ baseUrl: URL; headers: Record<string, string> }>('weather');
            return { base: api.baseUrl.href, auth: api.headers.authorization };
          }
          if (which === 'shared')
            return { ...(await ctx.connection<{ root: string; readOnly: boolean }>('shared')) };
          const db = await ctx.connection<{ prepare(sql: string): { get(): unknown } }>('db');
          return db.prepare('SELECT 41 + 1 AS answer').get();
        },
      },
    });
    const server = await startServer(
      { ...definition, tools: [probe] },
      inProcessHttpOptions({
        ...env,
        WEATHER_API_URL: 'https://api.example.com/v2',
        WEATHER_API_TOKEN: 'tok',
      }),
    );
    try {
      expect((await server.callTool('probe', { which: 'weather' })).content).toEqual([
        { type: 'text', text: JSON.stringify({ base: 'https://api.example.com/v2', auth: 'Bearer tok' }) },
      ]);
      expect(await server.callTool('probe', { which: 'shared' })).toMatchObject({
        isError: true,
        content: [
          { text: 'connection "shared" is not configured: set the environment variable NOTES_FILES_ROOT' },
        ],
      });
      expect(await server.callTool('probe', { which: 'db' })).toMatchObject({
        content: [{ text: '{"answer":42}' }],
      });
    } finally {
      await server.close();
    }
  });

  it('reports results that break the output schema, and unexpected handler failures, as isError', async () => {
    const handlerTool = (name: string, handler: () => Promise<unknown>) =>
      defineTool({
        name,
        description: name,
        inputSchema: z.object({}),
        outputSchema: z.object({ count: z.int() }),
        wrap: 'none',
        implementation: { type: 'handler', handler },
      });
    const def: ServerDefinition = {
      ...definition,
      tools: [
        handlerTool('wrong_shape', async () => ({ count: 'many' })),
        handlerTool('a_list', async () => [1, 2]),
        handlerTool('crashes', async () => {
          throw new TypeError('cannot read properties of undefined');
        }),
      ],
    };
    const lines: string[] = [];
    const server = await startServer(def, {
      ...inProcessHttpOptions(env),
      logSink: { write: (l: string) => lines.push(l) },
    });
    try {
      expect(await server.callTool('wrong_shape')).toMatchObject({
        isError: true,
        content: [
          { text: expect.stringMatching(/^the tool's result does not match its output schema at count: /) },
        ],
      });
      expect(await server.callTool('a_list')).toMatchObject({
        isError: true,
        content: [{ text: 'the tool produced a list where its output schema expects an object' }],
      });
      const crashed = await server.callTool('crashes');
      expect(crashed).toEqual({
        isError: true,
        content: [{ type: 'text', text: 'cannot read properties of undefined' }],
      });
      const logged = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'tool failed');
      expect(logged).toMatchObject({ tool: 'crashes', stack: expect.stringContaining('TypeError') });
    } finally {
      await server.close();
    }
  });
});

describe('server hooks', () => {
  it('serves extra HTTP routes (webhooks), allows env-listed hosts, and runs shutdown hooks', async () => {
    const server = await startServer(definition, {
      ...inProcessHttpOptions({ ...env, MCP_ALLOWED_HOSTS: 'hooks.example.com' }),
      routes: [
        (req, res, url) => {
          if (url.pathname !== '/hooks/ping') return false;
          res.writeHead(200, { 'content-type': 'text/plain' }).end(`pong ${req.method}`);
          return true;
        },
      ],
    });
    const order: string[] = [];
    server.onShutdown(async () => {
      order.push('hook');
    });
    const base = (server.url as string).replace('/mcp', '');
    expect(await (await fetch(`${base}/hooks/ping`, { method: 'POST' })).text()).toBe('pong POST');
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
    const remove = server.addRoute(async (_req, res, url) => {
      if (url.pathname !== '/hooks/late') return false;
      res.writeHead(202).end();
      return true;
    });
    expect((await fetch(`${base}/hooks/late`, { method: 'POST' })).status).toBe(202);
    remove();
    expect((await fetch(`${base}/hooks/late`, { method: 'POST' })).status).toBe(404);
    const hosted = await rawRequest(server.url as string, {
      method: 'POST',
      headers: { ...MCP_POST_HEADERS, host: 'hooks.example.com' },
      body: initializeBody(),
    });
    expect(hosted.status).toBe(200);
    await server.close();
    order.push('closed');
    expect(order).toEqual(['hook', 'closed']);
    await server.closed;
  });

  it('drops calls still running when the shutdown timeout expires', async () => {
    const stuck = defineTool({
      name: 'stuck',
      description: 'never finishes',
      inputSchema: z.object({}),
      wrap: 'none',
      implementation: { type: 'handler', handler: () => new Promise<never>(() => undefined) },
    });
    const server = await startServer(
      { ...definition, tools: [stuck] },
      { ...inProcessHttpOptions(env), shutdownTimeoutMs: 300 },
    );
    const conn = await connectHttp(server.url as string, 'modern');
    const call = conn.call('stuck', {}).catch((error: unknown) => error);
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(await call).toBeInstanceOf(Error);
    await conn.close().catch(() => undefined);
  });
});

describe('safety nets', () => {
  it('scrubs secrets and credentials out of error messages, and keeps them to one short line', () => {
    const redactor = new Redactor();
    redactor.add('postgres://app:p4ssw0rd!@db.internal:5432/prod');
    redactor.add('sk-live-abcdef');
    const error = new Error(
      'connect failed for postgres://app:p4ssw0rd!@db.internal:5432/prod using sk-live-abcdef\n    at Socket.x (net.js:1:1)',
    );
    const message = describeError(error, redactor);
    expect(message).not.toContain('p4ssw0rd');
    expect(message).not.toContain('sk-live-abcdef');
    expect(message).not.toContain('\n');
    expect(describeError(new Error('mysql://u:other@h/x failed'), redactor)).toBe('mysql://***@h/x failed');
    expect(describeError(new ToolError('x'.repeat(1000)), redactor).length).toBeLessThanOrEqual(300);
    expect(describeError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }), redactor)).toBe(
      'refused (ECONNREFUSED)',
    );
  });

  it('the harness recognises exactly the stub marker of the contract', async () => {
    const harness = await import('../testing/harness.js');
    const contract = await import('../lib/contract.js');
    expect(harness.NOT_IMPLEMENTED_MARKER).toBe(contract.NOT_IMPLEMENTED_MARKER);
  });

  it('makes driver values JSON-safe', () => {
    expect(
      toJsonSafe({
        at: new Date('2026-01-02T03:04:05Z'),
        small: 42n,
        big: 2n ** 64n,
        bytes: Buffer.from('hi'),
        nested: [{ n: Number.NaN, u: undefined }],
      }),
    ).toEqual({
      at: '2026-01-02T03:04:05.000Z',
      small: 42,
      big: '18446744073709551616',
      bytes: 'aGk=',
      nested: [{ n: null }],
    });
  });

  it('lib imports only node builtins, the allowed packages and its own files, and loads drivers lazily', () => {
    const allowed =
      /^(node:|\.\/|zod$|@modelcontextprotocol\/(server|node)(\/|$)|hono|@hono\/node-server|pg$|mysql2(\/|$)|better-sqlite3$|jose$|re2js$)/;
    const libDir = join(SERVER_TEMPLATE_DIR, 'lib');
    for (const file of readdirSync(libDir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(join(libDir, file), 'utf8');
      for (const match of source.matchAll(/^(import|export)\s+(type\s+)?[^'"]*?from\s+'([^']+)'/gm)) {
        const [, , typeOnly, specifier] = match;
        expect(specifier, `${file} imports ${specifier}`).toMatch(allowed);
        if (/^(pg|mysql2|better-sqlite3|jose|re2js)/.test(specifier ?? '')) {
          expect(typeOnly, `${file} must import ${specifier} lazily (type-only at the top)`).toBeTruthy();
        }
      }
    }
  });
});
