/** `mcp-factory test NAME TOOL '{json}'` and `mcp-factory test NAME --all`: real MCP calls to a server. */
import { FactoryError } from '../../errors.js';
import { withFactory } from '../../services/factory-context.js';
import {
  callTool,
  type TestAllReport,
  type ToolCallReport,
  testAllTools,
} from '../../services/test-server.js';
import { defineCommand } from '../command.js';
import { table } from '../render/table.js';

export const testCommand = defineCommand({
  name: 'test',
  summary: 'Call a server’s tool through a real MCP client, or test every tool (--all)',
  description:
    'Calls the running deployment (or starts a one-off process over stdio when it is not running). ' +
    'Exit code 1 when the tool returns an error, or with --all when any tool fails. A tool whose handler is ' +
    'not written yet is reported as not implemented, never as passed. --all calls read-only tools only ' +
    'unless --include-writes (destructive ones also need --include-destructive), and lists what it skipped and why.',
  arguments: [
    { name: 'name', description: 'server name', required: true },
    { name: 'tool', description: 'tool to call' },
    { name: 'arguments', description: 'tool arguments as a JSON object (default {})' },
  ],
  options: [
    { flags: '--all', description: 'call every tool with sample arguments and print a table' },
    {
      flags: '--include-writes',
      description: 'with --all: also call tools that are not read-only (they change the server’s data)',
    },
    {
      flags: '--include-destructive',
      description: 'with --all --include-writes: also call tools annotated as destructive',
    },
  ],
  examples: [`mcp-test notes add_note '{"title":"hello","body":"world"}'`, 'mcp-test notes --all'],
  async run({ args, options, env }) {
    const [name = '', tool, rawArgs] = args;
    if (options.all === true) {
      const report = await withFactory(env, (context) =>
        testAllTools(context, name, {
          includeWrites: options.includeWrites === true,
          includeDestructive: options.includeDestructive === true,
        }),
      );
      return { text: renderAll(report), json: report, exitCode: report.counts.fail > 0 ? 1 : 0 };
    }
    if (tool === undefined) throw new FactoryError('USAGE', 'name a tool to call, or pass --all');
    const report = await withFactory(env, (context) =>
      callTool(context, name, tool, parseArguments(rawArgs)),
    );
    return { text: renderCall(report), json: report, exitCode: report.isError ? 1 : 0 };
  },
});

function parseArguments(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new FactoryError('USAGE', `tool arguments are not valid JSON: ${(error as Error).message}`, {
      hint: `quote them for the shell, e.g. '{"query":"laptop"}'`,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FactoryError('USAGE', 'tool arguments must be a JSON object, e.g. {"query":"laptop"}');
  }
  return value as Record<string, unknown>;
}

function renderCall(report: ToolCallReport): string {
  const via = report.via.kind === 'deployment' ? report.via.endpoint : 'a one-off stdio process';
  const body =
    report.structuredContent !== undefined ? JSON.stringify(report.structuredContent, null, 2) : report.text;
  const status = report.isError ? `error (${report.outcome.replace('_', ' ')})` : 'ok';
  return `${report.tool} → ${status} in ${Math.round(report.durationMs)}ms via ${via}\n${body}`;
}

function renderAll(report: TestAllReport): string {
  const rows = [
    ...report.results.map((r) => [
      r.tool,
      r.outcome.replace('_', ' '),
      `${Math.round(r.durationMs)}ms`,
      firstLine(r),
    ]),
    ...report.skipped.map((s) => [s.tool, 'skipped', '-', s.reason]),
  ];
  const { pass, fail, not_implemented, skipped } = report.counts;
  const summary = `${pass} passed, ${fail} failed, ${not_implemented} not implemented, ${skipped} skipped`;
  return `${report.server} ${report.version}\n${table(['TOOL', 'OUTCOME', 'TIME', 'DETAIL'], rows)}\n${summary}`;
}

function firstLine(report: ToolCallReport): string {
  return report.isError ? (report.text.split('\n')[0] ?? '').slice(0, 80) : '';
}
