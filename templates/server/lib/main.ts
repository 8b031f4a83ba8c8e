/**
 * The entry every generated server calls from src/index.ts:
 *
 *   await startServer({ config, tools, resources, prompts });
 *
 * It picks the transport (runtime-options.ts), opens nothing until a tool needs it (connections.ts),
 * serves MCP over stdio or Streamable HTTP, and shuts down gracefully on SIGTERM/SIGINT: stop accepting,
 * let in-flight calls finish (bounded by MCP_SHUTDOWN_TIMEOUT_MS, default 10 s), close every pool.
 * Logs go to stderr as JSON lines. Library code never calls process.exit: once everything is closed the
 * event loop drains and the process ends on its own.
 */
import type { Readable, Writable } from 'node:stream';
import type { CallToolResult } from '@modelcontextprotocol/server';
import { StdioServerTransport, serveStdio } from '@modelcontextprotocol/server/stdio';
import { AuthConfigError, createAuthGate } from './auth.js';
import { ConnectionManager, type Env } from './connections.js';
import type { ServerDefinition, Transport } from './contract.js';
import type { HttpListener, HttpRoute } from './http-server.js';
import { createLogger, type Logger, type LogLevel, type LogSink, parseLogLevel } from './logger.js';
import { Metrics } from './metrics.js';
import { primeHttp } from './prewarm.js';
import { buildMcpServer } from './register-tools.js';
import { runTool, type ToolRuntime } from './run-tool.js';
import { type RuntimeOptions, resolveRuntimeOptions, StartupError } from './runtime-options.js';
import { Redactor } from './safe-error.js';
import { ShutdownHooks } from './shutdown-hooks.js';
import { errorResult } from './tool-result.js';

export interface StartServerOptions {
  /** Override the transport / address (tests); otherwise flags, env and config decide. */
  readonly transport?: Transport | undefined;
  readonly host?: string | undefined;
  /** 0 picks a free port (read it back from `RunningServer.port`). */
  readonly port?: number | undefined;
  /** Defaults to process.argv.slice(2). */
  readonly argv?: readonly string[] | undefined;
  /** Defaults to process.env. */
  readonly env?: Env | undefined;
  /** Install SIGTERM/SIGINT handlers (default true; tests running several servers in one process pass false). */
  readonly handleSignals?: boolean | undefined;
  readonly shutdownTimeoutMs?: number | undefined;
  readonly logSink?: LogSink | undefined;
  /** Defaults to MCP_LOG_LEVEL, then 'info'. */
  readonly logLevel?: LogLevel | undefined;
  /** Reject instead of logging and setting process.exitCode when the server cannot start (tests). */
  readonly throwOnStartupError?: boolean | undefined;
  /** Streams for the stdio transport (default: the process's own). */
  readonly stdin?: Readable | undefined;
  readonly stdout?: Writable | undefined;
  /** Extra HTTP routes (webhook triggers), tried before the 404. */
  readonly routes?: readonly HttpRoute[] | undefined;
}

export interface RunningServer {
  readonly transport: Transport;
  /** HTTP only: the MCP endpoint, e.g. http://127.0.0.1:3000/mcp. */
  readonly url?: string | undefined;
  readonly port?: number | undefined;
  /** False when start-up failed and `throwOnStartupError` was not set (the reason is in the log). */
  readonly started: boolean;
  readonly metrics: Metrics;
  readonly log: Logger;
  /** Calls a tool in-process (triggers use this): input validated, metrics and errors as over MCP. */
  callTool(name: string, args?: Record<string, unknown>, signal?: AbortSignal): Promise<CallToolResult>;
  /**
   * HTTP only: mounts an extra route (a webhook) on the listener; returns a function that removes it.
   * Throws on stdio, where there is no listener (start a separate one for webhooks there).
   */
  addRoute(route: HttpRoute): () => void;
  /**
   * Runs during shutdown, before the pools close (triggers stop their schedules and consumers here). A hook
   * added once shutdown has passed that point (a start still in progress when stdin closed) runs at once.
   */
  onShutdown(hook: () => Promise<void> | void): void;
  /** True once shutdown has begun: whatever is still starting must not start (it would outlive the server). */
  readonly closing: boolean;
  /** Graceful shutdown; resolves when everything is closed. Idempotent. */
  close(): Promise<void>;
  /** Resolves once the server has shut down (signal, stdin closed, or close()). */
  readonly closed: Promise<void>;
}

const DEFAULT_SHUTDOWN_MS = 10_000;

/**
 * A host that prewarms the server (the microVM target imports the bundle before its VM snapshot) sets
 * `globalThis[START_GATE]` to a promise before importing the entry: startServer primes the HTTP path
 * (prewarm.ts), then awaits the gate before it reads its environment or arguments, so the secrets the
 * host supplies later are seen. Unset: no priming, no wait.
 */
export const START_GATE = Symbol.for('mcp-factory.start-gate');

export async function startServer(
  definition: ServerDefinition,
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const gate = (globalThis as Record<symbol, unknown>)[START_GATE];
  if (gate !== undefined) {
    await primeHttp(() => launch(definition, PRIMING_OPTIONS));
    await gate;
  }
  return launch(definition, options);
}

/** The throwaway start primeHttp runs before the gate opens: loopback, any port, no env, no output. */
const PRIMING_OPTIONS: StartServerOptions = {
  transport: 'http',
  host: '127.0.0.1',
  port: 0,
  argv: [],
  env: {},
  handleSignals: false,
  throwOnStartupError: true,
  logSink: { write: () => undefined },
};

async function launch(definition: ServerDefinition, options: StartServerOptions): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const log = createLogger({
    level: options.logLevel ?? parseLogLevel(env.MCP_LOG_LEVEL),
    sink: options.logSink,
    fields: { server: definition.config.name },
  });
  const redactor = new Redactor();
  const runtime: ToolRuntime = {
    connections: new ConnectionManager(definition.config.connections, env, log, redactor),
    metrics: new Metrics(definition.tools.map((t) => t.name)),
    log,
    redactor,
  };
  try {
    return await start(definition, options, env, runtime);
  } catch (error) {
    await runtime.connections.closeAll();
    if (options.throwOnStartupError || !isOperatorError(error)) throw error;
    log.error(`cannot start: ${(error as Error).message}`);
    process.exitCode = 1;
    return failedServer(runtime);
  }
}

function isOperatorError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    error instanceof StartupError ||
    error instanceof AuthConfigError ||
    code === 'EADDRINUSE' ||
    code === 'EACCES' ||
    code === 'EADDRNOTAVAIL'
  );
}

async function start(
  definition: ServerDefinition,
  options: StartServerOptions,
  env: Env,
  runtime: ToolRuntime,
): Promise<RunningServer> {
  const { config } = definition;
  const where = resolveRuntimeOptions(config, options.argv ?? process.argv.slice(2), env, options);
  const factory = () => buildMcpServer(definition, runtime);
  const timeoutMs = options.shutdownTimeoutMs ?? (Number(env.MCP_SHUTDOWN_TIMEOUT_MS) || DEFAULT_SHUTDOWN_MS);
  const hooks = new ShutdownHooks(runtime.log, timeoutMs);
  let stopTransport: (timeoutMs: number) => Promise<void>;
  let listener: HttpListener | undefined;
  let closing: Promise<void> | undefined;
  let removeSignals: () => void = () => undefined;
  let resolveClosed: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    resolveClosed = resolve;
  });

  const close = (): Promise<void> => {
    closing ??= shutdown(runtime, () => stopTransport(timeoutMs), hooks).finally(() => {
      removeSignals();
      resolveClosed();
    });
    return closing;
  };

  if (where.transport === 'http') {
    listener = await startHttp(definition, options, env, runtime, where);
    stopTransport = (ms) => (listener as HttpListener).close(ms);
  } else {
    stopTransport = startStdio(factory, options, runtime, close);
    runtime.log.info('serving', { transport: 'stdio' });
  }
  if (options.handleSignals !== false) removeSignals = installSignals(close, runtime.log);

  return {
    transport: where.transport,
    url: listener?.url,
    port: listener?.port,
    started: true,
    metrics: runtime.metrics,
    log: runtime.log,
    callTool: (name, args, signal) => callToolInProcess(definition, runtime, name, args ?? {}, signal),
    addRoute: (route) => {
      if (!listener) throw new Error('addRoute: the stdio transport has no HTTP listener');
      return listener.addRoute(route);
    },
    onShutdown: (hook) => hooks.add(hook),
    get closing() {
      return closing !== undefined;
    },
    close,
    closed,
  };
}

/** HTTP: a fresh instance per request (both eras), behind Host/Origin checks and inbound auth. */
async function startHttp(
  definition: ServerDefinition,
  options: StartServerOptions,
  env: Env,
  runtime: ToolRuntime,
  where: RuntimeOptions,
): Promise<HttpListener> {
  const auth = createAuthGate(definition.config.auth, env, runtime.redactor);
  // Loaded only for HTTP: the Node adapter and its hono dependency cost stdio servers start-up time.
  const { startHttpListener } = await import('./http-server.js');
  const listener = await startHttpListener({
    config: definition.config,
    factory: () => buildMcpServer(definition, runtime),
    auth,
    metrics: runtime.metrics,
    toolCount: definition.tools.length,
    log: runtime.log,
    host: where.host,
    port: where.port,
    env,
    routes: options.routes,
    readiness: async () => {
      const { checkReadiness, probeTimeoutMs } = await import('./readiness.js');
      return checkReadiness(runtime.connections, runtime.redactor, probeTimeoutMs(env));
    },
  });
  runtime.log.info('listening', { transport: 'http', url: listener.url, auth: auth.type });
  return listener;
}

/** stdio: one pinned instance per connection; the client closing stdin is a shutdown. */
function startStdio(
  factory: () => ReturnType<typeof buildMcpServer>,
  options: StartServerOptions,
  runtime: ToolRuntime,
  close: () => Promise<void>,
): (timeoutMs: number) => Promise<void> {
  const stdin = options.stdin ?? process.stdin;
  if (!options.stdout) keepConsoleOffStdout();
  const transport = new StdioServerTransport(stdin, options.stdout ?? process.stdout);
  const handle = serveStdio(factory, {
    transport,
    onerror: (error) => runtime.log.warn('stdio error', { error: error.message }),
  });
  const onEnd = () => {
    runtime.log.info('stdin closed, shutting down');
    void close();
  };
  stdin.once('end', onEnd);
  return async (timeoutMs) => {
    stdin.off('end', onEnd);
    await waitForIdle(runtime.metrics, timeoutMs);
    await handle.close();
  };
}

/**
 * On stdio, stdout is the protocol: one `console.log` in a handler or a dependency would corrupt it and
 * drop the client. Console output meant for humans goes to stderr instead.
 */
function keepConsoleOffStdout(): void {
  const toStderr = (...args: unknown[]) => console.error(...args);
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  console.dir = (item: unknown) => console.error(item);
}

async function shutdown(
  runtime: ToolRuntime,
  stopTransport: () => Promise<void>,
  hooks: ShutdownHooks,
): Promise<void> {
  const started = performance.now();
  runtime.log.info('shutting down', { inFlight: runtime.metrics.inFlight });
  await stopTransport().catch((error: unknown) => runtime.log.warn('transport close failed', { error }));
  await hooks.runAll();
  await runtime.connections
    .closeAll()
    .catch((error: unknown) => runtime.log.warn('pool close failed', { error }));
  runtime.log.info('stopped', { ms: Math.round(performance.now() - started) });
}

function installSignals(close: () => Promise<void>, log: Logger): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    log.info('signal received', { signal });
    void close();
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
  return () => {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
  };
}

async function callToolInProcess(
  definition: ServerDefinition,
  runtime: ToolRuntime,
  name: string,
  args: Record<string, unknown>,
  signal: AbortSignal = new AbortController().signal,
): Promise<CallToolResult> {
  const tool = definition.tools.find((t) => t.name === name);
  if (!tool) return errorResult(`unknown tool "${name}"`);
  const parsed = tool.inputSchema.safeParse(args);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    return errorResult(`invalid arguments for ${name}: ${where}${issue?.message ?? 'invalid input'}`);
  }
  return runTool(tool, parsed.data as Record<string, unknown>, runtime, signal);
}

async function waitForIdle(metrics: Metrics, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (metrics.inFlight > 0 && Date.now() < deadline) await delay(25);
}

function failedServer(runtime: ToolRuntime): RunningServer {
  return {
    transport: 'stdio',
    started: false,
    metrics: runtime.metrics,
    log: runtime.log,
    callTool: async () => errorResult('the server did not start'),
    addRoute: () => () => undefined,
    onShutdown: () => undefined,
    closing: true,
    close: async () => undefined,
    closed: Promise.resolve(),
  };
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
