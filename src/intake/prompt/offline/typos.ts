/**
 * Informal spellings of the technical words the reader looks for ("postgress", "rabbit mq", "web hook") are
 * rewritten before anything else reads the prompt; each fix is reported, so a wrong guess is visible.
 */
import { editDistance } from '../../../spec/did-you-mean.js';

const KEYWORDS = [
  'postgres',
  'postgresql',
  'mariadb',
  'sqlite',
  'mongodb',
  'rabbitmq',
  'graphql',
  'github',
  'webhook',
  'paginated',
  'authentication',
  'weekday',
  'nightly',
];

/** Fixed spellings that edit distance alone would miss or get wrong. */
const PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\bweb[\s-]hooks?\b/gi, 'webhook'],
  [/\brabbit[\s-]mq\b/gi, 'rabbitmq'],
  [/\bapi[\s_-]?keys?\b/gi, 'api key'],
  [/\bo[\s-]?auth\s?2?(?:\.\d)?\b/gi, 'oauth'],
  [/\bpostgress(?:ql)?\b/gi, 'postgres'],
  [/\bpaginat(?:ed|ion)? (?:by|at|of|with)\b/gi, 'paginated at'],
];

export interface Corrected {
  readonly text: string;
  readonly fixes: readonly string[];
}

export function correctTypos(prompt: string): Corrected {
  const fixes: string[] = [];
  let text = prompt;
  for (const [pattern, replacement] of PHRASES) text = text.replace(pattern, replacement);
  text = text.replace(/\b[A-Za-z]{6,}\b/g, (word) => {
    const lower = word.toLowerCase();
    if (KEYWORDS.includes(lower)) return word;
    const near = KEYWORDS.find((keyword) => editDistance(lower, keyword) <= (lower.length >= 8 ? 2 : 1));
    if (near === undefined || lower.startsWith(near)) return word;
    fixes.push(`read "${word}" as "${near}"`);
    return near;
  });
  return { text, fixes };
}
