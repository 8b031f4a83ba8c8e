/**
 * The words sent to a model: the system prompt from prompts/nl-extraction.md (versioned with the code), the
 * user's prompt with anything that looks like a secret value replaced, and on repair rounds the previous
 * draft with the parser's diagnostics.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { factoryRoot } from '../../../generator/templates.js';
import { SECRET_PATTERNS } from '../../../spec/rules/secrets.js';
import type { DraftRequest } from '../types.js';

export const PROMPT_FILE = 'prompts/nl-extraction.md';

let system: string | undefined;

export function systemPrompt(): string {
  system ??= readFileSync(join(factoryRoot(), PROMPT_FILE), 'utf8');
  return system;
}

/** The model never sees a secret value: each one becomes a placeholder naming its kind. */
export function redactSecrets(text: string): string {
  let redacted = text;
  for (const [pattern, kind] of SECRET_PATTERNS) {
    redacted = redacted.replace(
      new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`),
      `[redacted: ${kind}]`,
    );
  }
  return redacted;
}

export function userMessage(request: DraftRequest): string {
  const prompt = `Describe this MCP server as a spec:\n\n${redactSecrets(request.prompt)}`;
  if (request.diagnostics.length === 0) return prompt;
  const problems = request.diagnostics.map(
    (d) => `- ${d.path}: ${d.message}${d.hint === undefined ? '' : ` (hint: ${d.hint})`}`,
  );
  return [
    prompt,
    'Your previous draft was:',
    JSON.stringify(request.previous ?? {}),
    'The spec parser rejected it:',
    ...problems,
    'Answer again with the whole corrected draft.',
  ].join('\n\n');
}
