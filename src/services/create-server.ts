/**
 * The `create` use case: load a spec → parse (diagnostics, not exceptions) → plan → write (or check, or
 * just return the plan). The CLI, API and MCP edges call this and only render its result.
 */
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { check } from '../generator/check.js';
import { type PlanOptions, plan } from '../generator/plan.js';
import { loadTemplates } from '../generator/templates.js';
import type { CheckResult, GenerationPlan, WriteResult } from '../generator/types.js';
import { write } from '../generator/write.js';
import type { RecordResult } from '../registry/index.js';
import { type Diagnostic, loadSpec, type ParseResult, parseSpec } from '../spec/index.js';
import { assertVersionIsFree, catalogVersion } from './catalog-version.js';
import type { FactoryContext } from './factory-context.js';
import type { DraftedSpec, PromptSource } from './prompt-source.js';
import { type RecoveredCreates, recoverInterruptedCreates } from './recover-interrupted-creates.js';

export type SpecInputSource =
  /** A YAML or JSON file. */
  | { readonly file: string }
  /** Spec text given inline (e.g. `--spec-json`); `label` names it in diagnostics. */
  | { readonly text: string; readonly label?: string }
  /** A sentence of plain English (`--prompt`): drafted into `<name>.mcp.yaml` first. */
  | PromptSource;

export type CreateMode = 'write' | 'check' | 'dry-run';

export interface CreateServerOptions extends PlanOptions {
  readonly source: SpecInputSource;
  /** Output folder; defaults to `<cwd>/<server name>`. Relative paths are resolved against `cwd`. */
  readonly out?: string;
  readonly cwd: string;
  readonly mode?: CreateMode;
  /** When given, a written project is recorded in the registry (and a conflicting version refused first). */
  readonly context?: FactoryContext | undefined;
}

interface Common {
  /** How the spec was named in diagnostics. */
  readonly label: string;
  readonly warnings: readonly Diagnostic[];
  /** For a prompt source: what was drafted, by which provider, and what is still open. */
  readonly drafted?: DraftedSpec | undefined;
}

export type CreateServerResult =
  | (Common & { readonly status: 'invalid'; readonly errors: readonly Diagnostic[] })
  | (Common & { readonly status: 'planned'; readonly dir: string; readonly plan: GenerationPlan })
  | (Common & { readonly status: 'checked'; readonly dir: string; readonly check: CheckResult })
  | (Common & {
      readonly status: 'written';
      readonly dir: string;
      readonly write: WriteResult;
      /** What the registry recorded (when a context was given). */
      readonly catalog?: RecordResult | undefined;
      /** Projects of killed earlier runs in the same parent folder that this run completed or removed. */
      readonly recovered?: RecoveredCreates | undefined;
      /** Milliseconds spent planning (pure) and writing. */
      readonly timings: { readonly planMs: number; readonly writeMs: number };
    });

export async function createServer(options: CreateServerOptions): Promise<CreateServerResult> {
  const { label, parsed, drafted } = await readSpec(options);
  const common = { label, warnings: parsed.warnings, drafted };
  if (parsed.spec === undefined) return { ...common, status: 'invalid', errors: parsed.errors };
  const dir = resolve(options.cwd, options.out ?? parsed.spec.name);
  const started = performance.now();
  const generation = plan(parsed.spec, loadTemplates(), options);
  const planMs = performance.now() - started;
  const mode = options.mode ?? 'write';
  if (mode === 'dry-run') return { ...common, status: 'planned', dir, plan: generation };
  if (mode === 'check') return { ...common, status: 'checked', dir, check: await check(generation, dir) };
  const recovered = await recoverInterruptedCreates(dirname(dir), options.context);
  if (options.context) await assertVersionIsFree(options.context, parsed.spec);
  const context = options.context;
  let catalog: RecordResult | undefined;
  // A new project is catalogued before its folder is renamed into place, so a kill never leaves a complete
  // project the catalogue does not know; a regenerated one (the folder exists) is recorded after the write.
  const record = async (readFrom?: string) => {
    if (context) catalog = await catalogVersion(context, parsed.spec!, dir, readFrom);
  };
  const written = await write(generation, dir, { beforeCommit: record });
  const writeMs = performance.now() - started - planMs;
  if (!written.created) await record();
  return {
    ...common,
    status: 'written',
    dir,
    write: written,
    catalog,
    ...(recovered.adopted.length + recovered.removed.length > 0 ? { recovered } : {}),
    timings: { planMs, writeMs },
  };
}

async function readSpec(
  options: CreateServerOptions,
): Promise<{ label: string; parsed: ParseResult; drafted?: DraftedSpec }> {
  const source = options.source;
  if ('prompt' in source) {
    // Loaded on use: the prompt door's language library is not for --spec runs to pay for.
    const { readPromptSource } = await import('./prompt-source.js');
    return readPromptSource(source, options.cwd, (options.mode ?? 'write') === 'write');
  }
  if ('file' in source)
    return { label: source.file, parsed: await loadSpec(resolve(options.cwd, source.file)) };
  const label = source.label ?? '<inline spec>';
  return { label, parsed: parseSpec(source.text, { file: label }) };
}
