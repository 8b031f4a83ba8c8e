/**
 * Runs one tool call end to end: pagination arguments, the implementation, result shaping, metrics and
 * logging. Every failure becomes an `isError` result with a short, scrubbed message; the full error goes
 * to the log. Used by the MCP `tools/call` handler and by in-process callers (triggers, tests).
 */
import type { CallToolResult } from '@modelcontextprotocol/server';
import type { ConnectionManager } from './connections.js';
import {
  type CallerInfo,
  type Implementation,
  type ToolContext,
  type ToolDefinition,
  ToolError,
} from './contract.js';
import { runFileOperation } from './files.js';
import { callGraphql } from './graphql.js';
import { callHttp } from './http-call.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { type PageRequest, readPageRequest } from './pagination.js';
import { describeError, type Redactor } from './safe-error.js';
import { runSql } from './sql.js';
import { errorResult, successResult } from './tool-result.js';

/** What every tool call needs from the running server. */
export interface ToolRuntime {
  readonly connections: ConnectionManager;
  readonly metrics: Metrics;
  readonly log: Logger;
  readonly redactor: Redactor;
}

export async function runTool(
  tool: ToolDefinition,
  args: Record<string, unknown>,
  runtime: ToolRuntime,
  signal: AbortSignal,
  caller?: CallerInfo,
): Promise<CallToolResult> {
  const finish = runtime.metrics.start(tool.name);
  const log = runtime.log.child({ tool: tool.name });
  const started = performance.now();
  try {
    const result = await execute(tool, args, runtime, log, { signal, caller });
    finish({ error: false });
    log.info('tool call', { ms: Math.round(performance.now() - started), outcome: 'ok' });
    return result;
  } catch (error) {
    finish({ error: true });
    const message = describeError(error, runtime.redactor);
    if (error instanceof ToolError) log.info('tool returned an error', { error: message });
    else log.error('tool failed', { error: message, stack: runtime.redactor.redact(stackOf(error)) });
    return errorResult(message);
  }
}

async function execute(
  tool: ToolDefinition,
  args: Record<string, unknown>,
  runtime: ToolRuntime,
  log: Logger,
  call: { signal: AbortSignal; caller: CallerInfo | undefined },
): Promise<CallToolResult> {
  let page: PageRequest | undefined;
  let rest = args;
  if (tool.pagination) {
    const read = readPageRequest(tool.name, tool.pagination, args);
    if (!read) throw new ToolError('invalid cursor');
    ({ page, rest } = read);
  }
  const context: ToolContext = {
    connection: (name) => runtime.connections.client(name),
    signal: call.signal,
    log,
    caller: call.caller,
  };
  const value = await runImplementation(tool.implementation, rest, context, runtime, page);
  return successResult(tool, value, page, tool.implementation.type === 'sql');
}

function runImplementation(
  impl: Implementation,
  args: Record<string, unknown>,
  context: ToolContext,
  runtime: ToolRuntime,
  page: PageRequest | undefined,
): Promise<unknown> {
  const { connections } = runtime;
  switch (impl.type) {
    case 'sql':
      return connections
        .sql(impl.connection)
        .then((handle) =>
          runSql(handle, { statement: impl.statement, result: impl.result, args, page }, context.log),
        );
    case 'http':
      return connections
        .upstream(impl.connection)
        .then((target) => callHttp(target, { ...impl, args, signal: context.signal }));
    case 'graphql':
      return connections
        .upstream(impl.connection)
        .then((target) => callGraphql(target, { ...impl, args, signal: context.signal }));
    case 'file':
      return connections.filesystem(impl.connection).then((root) =>
        runFileOperation(root, {
          operation: impl.operation,
          path: args[impl.pathParameter],
          content: args[impl.contentParameter],
        }),
      );
    case 'handler':
      return impl.handler(args, context);
  }
}

function stackOf(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
