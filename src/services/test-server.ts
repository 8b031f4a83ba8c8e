/**
 * The `test` use case: call one tool of a catalogued server through a real MCP client, or call its tools
 * with arguments derived from their parameter schemas and report pass / fail / not implemented / skipped.
 * A handler the user has not written yet is reported as not implemented — never as passed. `--all` runs
 * on the server's real data, so tools that may write are called only when asked (TestAllOptions).
 */
import { performance } from 'node:perf_hooks';
import { NOT_IMPLEMENTED_MARKER } from '../../templates/server/lib/contract.js';
import { FactoryError } from '../errors.js';
import { sampleArguments } from '../generator/sample-args.js';
import type { TestOutcome } from '../registry/index.js';
import type { ParameterSpec } from '../spec/types.js';
import type { FactoryContext } from './factory-context.js';
import type { ToolClient } from './tool-client.js';

export interface ToolCallReport {
  readonly server: string;
  readonly version: string;
  readonly tool: string;
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly outcome: TestOutcome;
  readonly isError: boolean;
  readonly structuredContent?: unknown;
  readonly text: string;
  readonly durationMs: number;
  readonly via: ToolClient['via'];
}

export async function callTool(
  context: FactoryContext,
  name: string,
  tool: string,
  args: Record<string, unknown>,
): Promise<ToolCallReport> {
  const connection = await connectTo(context, name);
  try {
    const known = (await connection.client.listTools()).tools.map((t) => t.name);
    if (!known.includes(tool)) {
      throw new FactoryError('NOT_FOUND', `${name} has no tool named ${tool}`, {
        hint: `its tools: ${known.join(', ')}`,
      });
    }
    const report = await timedCall(connection, tool, args);
    await record(context, report);
    return report;
  } finally {
    await connection.close();
  }
}

export interface SkippedTool {
  readonly tool: string;
  readonly reason: string;
}

export interface TestAllReport {
  readonly server: string;
  readonly version: string;
  readonly results: readonly ToolCallReport[];
  readonly skipped: readonly SkippedTool[];
  readonly counts: Readonly<Record<TestOutcome | 'skipped', number>>;
}

/**
 * `--all` calls the deployment the user runs, on the user's data: only read-only tools unless asked.
 * A destructive tool needs both flags (it writes, and what it writes may be lost for good).
 */
export interface TestAllOptions {
  /** Also call tools that are not annotated read-only (they may insert or change real data). */
  readonly includeWrites?: boolean | undefined;
  /** With includeWrites: also call tools annotated as destructive (they may delete or overwrite real data). */
  readonly includeDestructive?: boolean | undefined;
}

export async function testAllTools(
  context: FactoryContext,
  name: string,
  options: TestAllOptions = {},
): Promise<TestAllReport> {
  const connection = await connectTo(context, name);
  try {
    const results: ToolCallReport[] = [];
    const skipped: SkippedTool[] = [];
    for (const tool of toolsOf(connection.version.spec)) {
      const args = sampleArguments(tool.parameters);
      const reason = skipReason(tool, args, options);
      if (reason !== undefined || args === undefined) skipped.push({ tool: tool.name, reason: reason ?? '' });
      else results.push(await timedCall(connection, tool.name, args));
    }
    await record(context, ...results);
    const counts = { pass: 0, fail: 0, not_implemented: 0, skipped: skipped.length };
    for (const result of results) counts[result.outcome] += 1;
    return { server: name, version: connection.version.version, results, skipped, counts };
  } finally {
    await connection.close();
  }
}

interface SpecTool {
  readonly name: string;
  readonly parameters: Readonly<Record<string, ParameterSpec>>;
  readonly annotations?: { readonly readOnly?: boolean; readonly destructive?: boolean };
}

function skipReason(tool: SpecTool, args: unknown, options: TestAllOptions): string | undefined {
  const writes = options.includeWrites === true;
  if (tool.annotations?.destructive === true && !(writes && options.includeDestructive === true)) {
    return 'destructive: may delete or overwrite real data (pass --include-writes --include-destructive to call it)';
  }
  // A tool the spec does not mark read-only may change the deployment's data (a handler counts as a writer).
  if (tool.annotations?.readOnly !== true && !writes) {
    return 'writes: may change real data (pass --include-writes to call it)';
  }
  return args === undefined ? 'no valid sample arguments could be derived from its parameters' : undefined;
}

function toolsOf(spec: unknown): SpecTool[] {
  const tools = (spec as { tools?: SpecTool[] }).tools;
  if (!Array.isArray(tools))
    throw new FactoryError('USAGE', 'this server has no spec to derive test cases from');
  return tools;
}

async function timedCall(
  connection: ToolClient,
  tool: string,
  args: Record<string, unknown>,
): Promise<ToolCallReport> {
  const started = performance.now();
  const result = await connection.client.callTool({ name: tool, arguments: args });
  const durationMs = performance.now() - started;
  const text = result.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('\n');
  const isError = result.isError === true;
  return {
    server: connection.version.name,
    version: connection.version.version,
    tool,
    arguments: args,
    outcome: !isError ? 'pass' : text.includes(NOT_IMPLEMENTED_MARKER) ? 'not_implemented' : 'fail',
    isError,
    structuredContent: result.structuredContent,
    text,
    durationMs,
    via: connection.via,
  };
}

async function record(context: FactoryContext, ...reports: ToolCallReport[]): Promise<void> {
  const [first] = reports;
  if (first === undefined) return;
  const runs = reports.map((r) => ({
    tool: r.tool,
    outcome: r.outcome,
    durationMs: r.durationMs,
    message: r.isError ? r.text.slice(0, 500) : undefined,
  }));
  await (await context.registry()).recordTestRuns(first.server, first.version, runs);
}

/** The MCP client is loaded only by the commands that call a tool (≈0.5 s of CPU at start otherwise). */
async function connectTo(context: FactoryContext, name: string) {
  const { openToolClient } = await import('./tool-client.js');
  return openToolClient(context, name);
}
