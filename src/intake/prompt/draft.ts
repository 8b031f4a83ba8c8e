/**
 * The prompt door: `draft(prompt, options)` asks a provider for a spec object, writes it as reviewable YAML
 * and runs the one spec parser over that YAML, so the diagnostics point at lines of the file the user gets.
 * LLM providers get the parser's errors back for at most two repair rounds; the draft with the fewest errors
 * is kept.
 */
import { type ParseResult, parseSpec } from '../../spec/index.js';
import { draftYaml } from './draft-yaml.js';
import { chooseProvider, type Env, PROVIDERS } from './providers.js';
import type { Inference, PromptProvider, ProviderName, Question, RawDraft } from './types.js';

export const REPAIR_ROUNDS = 2;

export interface DraftOptions {
  readonly provider?: string | undefined;
  readonly model?: string | undefined;
  readonly env: Env;
}

export interface PromptDraft {
  readonly provider: ProviderName;
  /** The spec object as drafted (compact, what the YAML shows). */
  readonly draft: Record<string, unknown>;
  /** The YAML text, with `# inferred` comments and the open questions. */
  readonly yaml: string;
  /** The parser's verdict on that YAML: the normalized spec, or errors. */
  readonly parsed: ParseResult;
  readonly inferred: readonly Inference[];
  readonly questions: readonly Question[];
  readonly warnings: readonly string[];
  /** Rounds the provider was asked (1 + repair rounds). */
  readonly rounds: number;
}

export async function draft(prompt: string, options: DraftOptions): Promise<PromptDraft> {
  const name = chooseProvider(options.provider, options.env);
  const provider = await PROVIDERS[name](options.env);
  let best = await attempt(provider, prompt, options, undefined);
  let last = best;
  let rounds = 1;
  while (provider.repairs && last.parsed.errors.length > 0 && rounds <= REPAIR_ROUNDS) {
    last = await attempt(provider, prompt, options, last);
    rounds++;
    if (last.parsed.errors.length < best.parsed.errors.length) best = last;
  }
  return { ...best, rounds };
}

async function attempt(
  provider: PromptProvider,
  prompt: string,
  options: DraftOptions,
  previous: PromptDraft | undefined,
): Promise<PromptDraft> {
  const raw: RawDraft = await provider.draft({
    prompt,
    model: options.model,
    diagnostics: previous?.parsed.errors ?? [],
    previous: previous?.draft,
  });
  const yaml = draftYaml({ ...raw, provider: provider.name });
  const parsed = parseSpec(yaml);
  const { inferred, questions, warnings } = raw;
  return { provider: provider.name, draft: raw.spec, yaml, parsed, inferred, questions, warnings, rounds: 1 };
}
