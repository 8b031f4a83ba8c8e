/** The natural-language door: a sentence in, a reviewable spec draft out (then the one spec parser). */
export { type DraftOptions, draft, type PromptDraft, REPAIR_ROUNDS } from './draft.js';
export { EXAMPLE_PROMPT } from './offline/offline-provider.js';
export { chooseProvider, PROVIDER_NAMES } from './providers.js';
export type { Inference, ProviderName, Question } from './types.js';
