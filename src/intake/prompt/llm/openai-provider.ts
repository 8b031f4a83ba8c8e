/**
 * The OpenAI provider: the official SDK's Chat Completions with `response_format: json_schema` (the reply
 * schema, the spec's own JSON Schema inside). Chat Completions rather than Responses because every
 * OpenAI-compatible server (vLLM, llama.cpp, Ollama) speaks it; OPENAI_BASE_URL points at one.
 */
import OpenAI from 'openai';
import type { Env } from '../providers.js';
import type { PromptProvider } from '../types.js';
import { clientOptions, providerError, requireKey } from './client-options.js';
import { systemPrompt, userMessage } from './instructions.js';
import { REPLY_NAME, replyJsonSchema, toRawDraft } from './reply.js';

export const DEFAULT_OPENAI_MODEL = 'gpt-4.1-mini';
const KEY = 'OPENAI_API_KEY';

export function openaiProvider(env: Env): PromptProvider {
  const client = new OpenAI({
    apiKey: requireKey(env, KEY, 'openai'),
    ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
    ...clientOptions(env),
  });
  return {
    name: 'openai',
    repairs: true,
    async draft(request) {
      try {
        const completion = await client.chat.completions.create({
          model: request.model ?? DEFAULT_OPENAI_MODEL,
          messages: [
            { role: 'system', content: systemPrompt() },
            { role: 'user', content: userMessage(request) },
          ],
          // Not strict: strict mode demands every property be required, which the spec schema is not; the
          // spec parser is what decides whether the answer is accepted.
          response_format: {
            type: 'json_schema',
            json_schema: { name: REPLY_NAME, schema: replyJsonSchema(), strict: false },
          },
        });
        return toRawDraft(completion.choices[0]?.message.content ?? '');
      } catch (error) {
        throw providerError('openai', KEY, error);
      }
    },
  };
}
