/**
 * `create --prompt`: the prompt door as a spec source for `createServer`. Drafts the spec, writes the
 * reviewable `<name>.mcp.yaml` next to where the project goes (never over an existing file), and hands the
 * parser's verdict on that file to the same pipeline `--spec` uses.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FactoryError } from '../errors.js';
import { draft, type PromptDraft } from '../intake/prompt/index.js';
import type { ParseResult, ServerSpec } from '../spec/index.js';

export interface PromptSource {
  readonly prompt: string;
  readonly provider?: string | undefined;
  readonly model?: string | undefined;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export interface DraftedSpec {
  readonly provider: PromptDraft['provider'];
  /** Where the YAML was written; undefined on a dry run. */
  readonly file: string | undefined;
  readonly yaml: string;
  /** The normalized spec (every default explicit), when the draft is valid. */
  readonly spec: ServerSpec | undefined;
  readonly questions: PromptDraft['questions'];
  readonly warnings: readonly string[];
}

export async function readPromptSource(
  source: PromptSource,
  cwd: string,
  writeYaml: boolean,
): Promise<{ label: string; parsed: ParseResult; drafted: DraftedSpec }> {
  const drafted = await draft(source.prompt, {
    provider: source.provider,
    model: source.model,
    env: source.env,
  });
  const label = `${specName(drafted)}.mcp.yaml`;
  // The parser's positions are lines of this YAML, so every diagnostic reads `<name>.mcp.yaml:line:col`.
  const parsed = drafted.parsed;
  const file = writeYaml ? await writeNew(resolve(cwd, label), drafted.yaml) : undefined;
  const { provider, yaml, questions, warnings } = drafted;
  return { label, parsed, drafted: { provider, file, yaml, spec: parsed.spec, questions, warnings } };
}

/** The drafted name when it is safe (the parser checks it), else a neutral one. */
function specName(drafted: PromptDraft): string {
  return drafted.parsed.spec?.name ?? 'drafted';
}

async function writeNew(path: string, text: string): Promise<string> {
  if (existsSync(path)) {
    throw new FactoryError('OUTPUT_CONFLICT', `${path} already exists; the drafted spec was not written`, {
      hint: 'move or delete it, or run mcp-create --spec on it to generate from your reviewed copy',
    });
  }
  await writeFile(path, text, { flag: 'wx' });
  return path;
}
