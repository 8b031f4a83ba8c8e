/**
 * The Anthropic provider: the official SDK's Messages API with one forced tool whose input schema is the
 * reply schema (the spec's own JSON Schema inside), so the answer arrives as structured JSON.
 * ANTHROPIC_BASE_URL points it at another server (the tests' wire-format server).
 */
import Anthropic from '@anthropic-ai/sdk';
import type { Env } from '../providers.js';
import type { PromptProvider } from '../types.js';
import { clientOptions, providerError, requireKey } from './client-options.js';
import { systemPrompt, userMessage } from './instructions.js';
import { REPLY_NAME, replyJsonSchema, toRawDraft } from './reply.js';

export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-4-5';
const KEY = 'ANTHROPIC_API_KEY';

export function anthropicProvider(env: Env): PromptProvider {
  const client = new Anthropic({
    apiKey: requireKey(env, KEY, 'anthropic'),
    ...(env.ANTHROPIC_BASE_URL ? { baseURL: env.ANTHROPIC_BASE_URL } : {}),
    ...clientOptions(env),
  });
  return {
    name: 'anthropic',
    repairs: true,
    async draft(request) {
      try {
        const message = await client.messages.create({
          model: request.model ?? DEFAULT_ANTHROPIC_MODEL,
          max_tokens: 8192,
          system: systemPrompt(),
          messages: [{ role: 'user', content: userMessage(request) }],
          tools: [
            {
              name: REPLY_NAME,
              description: 'Record the drafted MCP server spec, what was inferred and the open questions.',
              input_schema: replyJsonSchema() as Anthropic.Tool.InputSchema,
            },
          ],
          tool_choice: { type: 'tool', name: REPLY_NAME },
        });
        const call = message.content.find((block) => block.type === 'tool_use');
        return toRawDraft(call?.input);
      } catch (error) {
        throw providerError('anthropic', KEY, error);
      }
    },
  };
}
