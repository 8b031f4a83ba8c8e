/**
 * The providers behind `--provider`, registered by name in one map. LLM providers load their SDK on first
 * use, so `mcp-create --spec` never pays for it.
 */
import { FactoryError } from '../../errors.js';
import { offlineProvider } from './offline/offline-provider.js';
import type { PromptProvider, ProviderName } from './types.js';

export type Env = Readonly<Record<string, string | undefined>>;

type ProviderFactory = (env: Env) => Promise<PromptProvider>;

export const PROVIDERS: Readonly<Record<ProviderName, ProviderFactory>> = {
  offline: async () => offlineProvider,
  anthropic: async (env) => (await import('./llm/anthropic-provider.js')).anthropicProvider(env),
  openai: async (env) => (await import('./llm/openai-provider.js')).openaiProvider(env),
};

export const PROVIDER_NAMES = Object.keys(PROVIDERS) as ProviderName[];

/** The one asked for; else anthropic when its key is set, else openai when its key is set, else offline. */
export function chooseProvider(requested: string | undefined, env: Env): ProviderName {
  if (requested !== undefined) {
    if (!(PROVIDER_NAMES as string[]).includes(requested)) {
      throw new FactoryError('USAGE', `unknown provider ${JSON.stringify(requested)}`, {
        hint: `use one of: ${PROVIDER_NAMES.join(', ')}`,
      });
    }
    return requested as ProviderName;
  }
  if (env.ANTHROPIC_API_KEY) return 'anthropic';
  if (env.OPENAI_API_KEY) return 'openai';
  return 'offline';
}
