/**
 * What every prompt provider hands back: a spec object (not yet parsed), the values it inferred rather
 * than read, and the questions it could not answer. `draft()` then runs the one spec parser over it.
 */
import type { Diagnostic, PathSegment } from '../../spec/index.js';

export type ProviderName = 'offline' | 'anthropic' | 'openai';

/** A value the provider chose rather than read in the prompt; becomes an `# inferred: …` YAML comment. */
export interface Inference {
  readonly path: readonly PathSegment[];
  readonly note: string;
}

/** Something the provider could not answer, and where in the YAML the answer goes. */
export interface Question {
  readonly path: string;
  readonly question: string;
}

export interface RawDraft {
  /** A spec-shaped object; only the parser decides whether it is a spec. */
  readonly spec: Record<string, unknown>;
  readonly inferred: readonly Inference[];
  readonly questions: readonly Question[];
  readonly warnings: readonly string[];
}

export interface DraftRequest {
  readonly prompt: string;
  readonly model?: string | undefined;
  /** The parser's errors on the previous draft (LLM repair rounds); empty on the first round. */
  readonly diagnostics: readonly Diagnostic[];
  readonly previous?: Record<string, unknown> | undefined;
}

/** One way of turning a sentence into a draft. Registered by name in providers.ts. */
export interface PromptProvider {
  readonly name: ProviderName;
  /** Whether sending the parser's diagnostics back can change the answer (not for the offline rules). */
  readonly repairs: boolean;
  draft(request: DraftRequest): Promise<RawDraft>;
}
