/**
 * `mcp-factory create --spec FILE [--out DIR] [--check | --dry-run] [--json]`: generate (or regenerate) a
 * complete MCP server project from a spec. Thin: turns flags into options for `createServer` and renders.
 */
import { relative } from 'node:path';
import { ERROR_CODES, FactoryError } from '../../errors.js';
import type { GenerationPlan, WriteResult } from '../../generator/types.js';
import type { RecordResult } from '../../registry/index.js';
import { type CreateServerResult, createServer, type SpecInputSource } from '../../services/create-server.js';
import { withFactory } from '../../services/factory-context.js';
import type { RecoveredCreates } from '../../services/recover-interrupted-creates.js';
import { formatDiagnostics } from '../../spec/index.js';
import { type CommandContext, type CommandOutput, defineCommand } from '../command.js';
import { withDraft } from '../render/prompt-draft.js';

export const createCommand = defineCommand({
  name: 'create',
  summary: 'Generate a complete, tested MCP server project from a spec',
  description:
    'Generate a standalone TypeScript MCP server project (tools, tests, README, Dockerfile, server.json) ' +
    'from a spec. Run it again after changing the spec: generated files are updated, your handler files ' +
    'under src/handlers/ are kept. Exit code 0 = done, 1 = invalid spec, stale (--check) or output conflict.',
  options: [
    { flags: '--spec <file>', description: 'spec file (.yaml, .yml or .json)' },
    { flags: '--spec-json <json>', description: 'the spec as inline JSON instead of a file' },
    {
      flags: '--prompt <text>',
      description: 'describe the server in plain English: drafts <name>.mcp.yaml for review, then generates',
    },
    { flags: '--provider <name>', description: 'who drafts from --prompt: offline, anthropic or openai' },
    { flags: '--model <name>', description: 'model for --provider anthropic or openai' },
    { flags: '--out <dir>', description: 'output folder (default: ./<server name>)' },
    { flags: '--check', description: 'only report whether the project is out of date (exit 1 when stale)' },
    { flags: '--dry-run', description: 'print the files that would be generated, write nothing' },
    { flags: '--namespace <ns>', description: 'registry namespace for server.json, e.g. io.github.you' },
  ],
  examples: [
    'mcp-factory create --spec examples/notes.yaml',
    'mcp-factory create --spec mcp.spec.yaml --out . --check',
    'mcp-create --prompt "a server on our PostgreSQL inventory database with tools search_products and get_stock_level" --dry-run',
    `mcp-factory create --spec-json '{"name":"hello","version":"1.0.0","tools":[{"name":"hi"}]}' --dry-run`,
  ],
  async run({ options, cwd, env }) {
    const source = specSource(options, env);
    const result = await withFactory(env, (context) =>
      createServer({
        source,
        cwd,
        context,
        mode: options.check === true ? 'check' : options.dryRun === true ? 'dry-run' : 'write',
        ...(typeof options.out === 'string' ? { out: options.out } : {}),
        ...(typeof options.namespace === 'string' ? { registryNamespace: options.namespace } : {}),
      }),
    );
    const output = render(result, cwd);
    return result.drafted ? withDraft(result, result.drafted, output, cwd) : output;
  },
});

function specSource(options: Readonly<Record<string, unknown>>, env: CommandContext['env']): SpecInputSource {
  const file = options.spec;
  const inline = options.specJson;
  const prompt = options.prompt;
  if ([file, inline, prompt].filter((given) => typeof given === 'string').length > 1) {
    throw new FactoryError('USAGE', 'give one of --spec, --spec-json or --prompt');
  }
  if (typeof prompt === 'string') {
    if (options.check === true)
      throw new FactoryError('USAGE', '--check compares a project with a spec file: use --spec');
    const provider = typeof options.provider === 'string' ? options.provider : undefined;
    const model = typeof options.model === 'string' ? options.model : undefined;
    return { prompt, provider, model, env };
  }
  if (typeof inline === 'string') return { text: inline, label: '<--spec-json>' };
  if (typeof file === 'string') return { file };
  throw new FactoryError('USAGE', 'no spec given', {
    hint: 'use --spec FILE, --spec-json JSON or --prompt "…"',
  });
}

function render(result: CreateServerResult, cwd: string): CommandOutput {
  const errors = result.status === 'invalid' ? [...result.errors] : [];
  const diagnostics = formatDiagnostics({ errors, warnings: [...result.warnings] }, result.label);
  const stderr = result.warnings.length > 0 ? diagnostics : undefined;
  switch (result.status) {
    case 'invalid':
      return {
        text: diagnostics,
        json: { status: result.status, errors: result.errors, warnings: result.warnings },
        exitCode: 1,
      };
    case 'planned':
      return {
        text: planText(result.plan, display(result.dir, cwd)),
        json: { status: result.status, dir: result.dir, plan: result.plan },
        ...(stderr ? { stderr } : {}),
      };
    case 'checked': {
      const { stale, added, changed, removed } = result.check;
      const text = stale
        ? `${display(result.dir, cwd)} is out of date with its spec:\n${changeLines({ added, changed, removed })}\nrun the same command without --check to update it`
        : `${display(result.dir, cwd)} is up to date`;
      return {
        text,
        json: { status: result.status, ...result.check },
        exitCode: stale ? ERROR_CODES.STALE.exit : 0,
        ...(stderr ? { stderr } : {}),
      };
    }
    case 'written':
      return {
        text: [
          writeText(result.write, display(result.dir, cwd), result.timings.planMs + result.timings.writeMs),
          ...(result.catalog ? [catalogLine(result.catalog)] : []),
          ...recoveredLines(result.recovered, cwd),
        ].join('\n'),
        json: {
          status: result.status,
          ...result.write,
          catalog: result.catalog,
          recovered: result.recovered,
          timings: result.timings,
        },
        ...(stderr ? { stderr } : {}),
      };
  }
}

/** What this run settled from earlier runs that were killed (see services/recover-interrupted-creates.ts). */
function recoveredLines(recovered: RecoveredCreates | undefined, cwd: string): string[] {
  return [
    ...(recovered?.adopted ?? []).map((dir) => `Completed ${display(dir, cwd)}, left by an interrupted run`),
    ...(recovered?.removed ?? []).map((dir) => `Removed ${display(dir, cwd)}, left by an interrupted run`),
  ];
}

function display(dir: string, cwd: string): string {
  const rel = relative(cwd, dir);
  return rel === '' ? '.' : rel.startsWith('..') ? dir : rel;
}

function planText(plan: GenerationPlan, dir: string): string {
  const lines = plan.files.map(
    (f) =>
      `  ${f.ownership === 'user' ? 'user     ' : 'generated'}  ${f.path} (${Buffer.byteLength(f.content)} bytes)`,
  );
  return `Would generate ${plan.files.length} files for ${plan.name} ${plan.version} in ${dir}:\n${lines.join('\n')}`;
}

function changeLines(
  changes: Pick<WriteResult, 'added' | 'changed' | 'removed'> &
    Partial<Pick<WriteResult, 'kept' | 'orphaned'>>,
): string {
  const lines = [
    ...changes.added.map((p) => `  + ${p}`),
    ...changes.changed.map((p) => `  ~ ${p}`),
    ...changes.removed.map((p) => `  - ${p}`),
    ...(changes.kept ?? []).map((p) => `  = ${p} (yours, kept)`),
    ...(changes.orphaned ?? []).map(
      (p) => `  ! ${p} (yours, no longer used: delete it, or the build fails on its import)`,
    ),
  ];
  return lines.join('\n');
}

function writeText(result: WriteResult, dir: string, ms: number): string {
  const time = `${Math.round(ms)} ms`;
  if (result.created) {
    return [
      `Created ${dir} (${result.added.length} files) in ${time}`,
      changeLines({ added: result.added, changed: [], removed: [] }),
      `Next: cd ${dir} && npm install && npm test`,
    ].join('\n');
  }
  const touched = result.added.length + result.changed.length + result.removed.length;
  const head = touched === 0 ? `${dir} is already up to date` : `Updated ${dir}: ${touched} files in ${time}`;
  const body = changeLines(result);
  return body ? `${head}\n${body}` : head;
}

function catalogLine(catalog: RecordResult): string {
  const what = catalog.created ? 'Catalogued' : 'Already catalogued:';
  return `${what} ${catalog.name} ${catalog.version}; run it with: mcp-deploy ${catalog.name}`;
}
