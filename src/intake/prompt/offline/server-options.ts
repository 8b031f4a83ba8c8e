/**
 * Server-wide choices read from a prompt: inbound auth, transport and page size. Each value that was not
 * stated outright carries a note saying why it was chosen.
 */
import type { Inference, Question } from '../types.js';

export interface ServerOptions {
  readonly auth: Record<string, unknown> | undefined;
  readonly transport: 'stdio' | 'http';
  readonly pageSize: number | undefined;
  readonly inferred: readonly Inference[];
  readonly questions: readonly Question[];
}

const HTTP_WORDS =
  /\b(?:(?:over|via) http|http transport|streamable http|http server|over the network|remote(?:ly)?|docker|containers?|kubernetes|k8s|cloud|port \d+)\b/i;
const STDIO_WORDS = /\b(?:stdio|claude desktop|local process|standard (?:in|input))\b/i;
const PAGE_SIZE =
  /\b(?:paginated at|pages? of|page size(?: of)?|(?:in )?batches of)\s*(\d{1,5})\b|\b(\d{1,5})\s*(?:items?|results?|rows?|records?|entries)?\s*(?:per|a|each)\s+page\b/i;

export function findServerOptions(text: string): ServerOptions {
  const inferred: Inference[] = [];
  const questions: Question[] = [];
  const auth = findAuth(text, inferred, questions);
  const transport = findTransport(text, auth !== undefined, inferred);
  const size = text.match(PAGE_SIZE);
  const pageSize = size ? Number(size[1] ?? size[2]) : undefined;
  return { auth, transport, pageSize: pageSize && pageSize > 0 ? pageSize : undefined, inferred, questions };
}

/** Inbound auth only: "a Stripe API key" or "GITHUB_TOKEN" are credentials for the upstream service. */
function findAuth(
  text: string,
  inferred: Inference[],
  questions: Question[],
): Record<string, unknown> | undefined {
  const inbound = (word: string) =>
    new RegExp(String.raw`(?<!(?:github|slack|stripe|jira|twilio|their|its)\s)\b${word}`, 'i').test(text);
  if (/\boauth\b/i.test(text)) {
    const issuer = text.match(/\bhttps:\/\/[^\s,;"']+/)?.[0];
    if (!issuer) {
      questions.push({ path: 'auth.issuer', question: 'which authorization server issues the tokens?' });
      inferred.push({
        path: ['auth', 'issuer'],
        note: 'placeholder: replace with your authorization server',
      });
    }
    inferred.push({ path: ['auth', 'audience'], note: 'placeholder: this server’s public URL' });
    return {
      type: 'oauth2',
      issuer: issuer ?? 'https://auth.example.com',
      audience: 'https://mcp.example.com',
    };
  }
  if (inbound('api key')) return { type: 'api_key' };
  if (inbound('bearer') || /\btoken[- ]based auth|\btoken auth/i.test(text)) return { type: 'bearer' };
  return undefined;
}

function findTransport(text: string, hasAuth: boolean, inferred: Inference[]): 'stdio' | 'http' {
  if (STDIO_WORDS.test(text)) return 'stdio';
  const http = text.match(HTTP_WORDS)?.[0];
  if (http !== undefined) {
    if (!/http/i.test(http)) inferred.push({ path: ['transport'], note: `"${http}" → http` });
    return 'http';
  }
  if (hasAuth) {
    inferred.push({ path: ['transport'], note: 'authentication only applies over HTTP' });
    return 'http';
  }
  inferred.push({ path: ['transport'], note: 'no transport named: stdio, what desktop clients start' });
  return 'stdio';
}
