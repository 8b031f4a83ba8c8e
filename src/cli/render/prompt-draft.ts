/**
 * How `create --prompt` adds its draft to the create output: which provider drafted which file, the open
 * questions with the YAML path that answers each, and the drafter's warnings. A dry run prints the drafted
 * YAML itself (JSON: the normalized spec, questions, provider, warnings) instead of the file plan.
 */
import { relative } from 'node:path';
import type { CreateServerResult } from '../../services/create-server.js';
import type { DraftedSpec } from '../../services/prompt-source.js';
import type { CommandOutput } from '../command.js';

export function withDraft(
  result: CreateServerResult,
  drafted: DraftedSpec,
  base: CommandOutput,
  cwd: string,
): CommandOutput {
  if (result.status === 'planned') return dryRun(result, drafted);
  const where = drafted.file === undefined ? result.label : relative(cwd, drafted.file) || drafted.file;
  const head = `Drafted ${where} with the ${drafted.provider} provider (review every "# inferred" value).`;
  const json = { ...(base.json as Record<string, unknown>), drafted: summary(drafted, where) };
  return { ...base, text: [head, ...draftNotes(drafted, where), base.text].join('\n'), json };
}

function dryRun(
  result: Extract<CreateServerResult, { status: 'planned' }>,
  drafted: DraftedSpec,
): CommandOutput {
  return {
    text: [
      drafted.yaml.trimEnd(),
      '',
      `(drafted by ${drafted.provider}; nothing written)`,
      ...draftNotes(drafted, result.label),
    ].join('\n'),
    json: {
      spec: drafted.spec,
      questions: drafted.questions,
      provider: drafted.provider,
      warnings: drafted.warnings,
    },
  };
}

function draftNotes(drafted: DraftedSpec, where: string): string[] {
  const lines: string[] = [];
  if (drafted.questions.length > 0) {
    lines.push(
      `Open questions (answer them in ${where} at the path shown, then run mcp-create --spec ${where}):`,
    );
    lines.push(...drafted.questions.map((q) => `  ${q.path}: ${q.question}`));
  }
  lines.push(...drafted.warnings.map((w) => `warning: ${w}`));
  return lines;
}

function summary(drafted: DraftedSpec, where: string) {
  return {
    provider: drafted.provider,
    file: where,
    questions: drafted.questions,
    warnings: drafted.warnings,
  };
}
