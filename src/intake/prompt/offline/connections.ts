/**
 * Which systems the prompt names, in the order it names them, as spec connections with their env vars.
 * An env var written in the prompt (GITHUB_TOKEN, INVENTORY_DB_URL) is used as written.
 */
import type { Inference, Question } from '../types.js';
import { CONNECTION_KINDS, type ConnectionKind, GENERIC_DATABASE } from './connection-kinds.js';

export interface FoundConnections {
  readonly connections: Record<string, unknown>[];
  /** Kinds named in the prompt that the spec has no connection type for yet (tools stay handlers). */
  readonly unsupported: readonly string[];
  readonly inferred: readonly Inference[];
  readonly questions: readonly Question[];
}

const ENV_VAR = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]\b/g;
const SECRET_WORDS = /TOKEN|KEY|SECRET|PASSWORD|CREDENTIALS/;

export function findConnections(text: string): FoundConnections {
  const kinds = CONNECTION_KINDS.map((kind) => ({ kind, at: text.search(kind.pattern) }))
    .filter((hit) => hit.at !== -1 && !shadowed(hit.kind, text))
    .sort((a, b) => a.at - b.at)
    .map((hit) => hit.kind);
  const envVars = [...text.matchAll(ENV_VAR)].map((m) => m[0]).filter((v) => !v.startsWith('MCP_'));
  const supported = kinds.filter((kind) => kind.specType !== undefined);
  const connections: Record<string, unknown>[] = [];
  const inferred: Inference[] = [];
  supported.forEach((kind, index) => {
    const name = uniqueName(connectionName(kind, text), connections);
    const built = buildConnection(kind, name, envVars, phraseFor(kind, text));
    connections.push(built.connection);
    for (const note of built.notes)
      inferred.push({ path: ['connections', index, ...note.path], note: note.note });
  });
  return {
    connections,
    unsupported: kinds.filter((kind) => kind.specType === undefined).map((kind) => kind.kind),
    inferred,
    questions: kinds.length === 0 ? databaseQuestion(text) : [],
  };
}

/** A generic REST API match is dropped when a named service (GitHub, Stripe…) already covers it. */
function shadowed(kind: ConnectionKind, text: string): boolean {
  if (kind.kind !== 'http') return false;
  const named = CONNECTION_KINDS.some(
    (other) => other.specType === 'http' && other !== kind && other.pattern.test(text),
  );
  // An OAuth issuer's URL is where tokens come from, not an API the tools call.
  const onlyAnIssuer = /\boauth\b/i.test(text) && !kind.pattern.test(text.replace(/https?:\/\/\S+/g, ''));
  return named || onlyAnIssuer;
}

/** "our PostgreSQL inventory database" → inventory_db; otherwise the kind's own name. */
function connectionName(kind: ConnectionKind, text: string): string {
  if (kind.specType !== 'postgresql' && kind.specType !== 'mysql' && kind.specType !== 'sqlite')
    return kind.name;
  const word = text.match(GENERIC_DATABASE)?.[1]?.toLowerCase();
  if (!word || kind.pattern.test(word) || /^(?:the|a|an|our|my|sql|this|that|its|their)$/.test(word))
    return kind.name;
  return /^[a-z][a-z0-9]*$/.test(word) ? `${word}_db` : kind.name;
}

/** The words that named the kind, with the noun phrase around a database ("PostgreSQL inventory database"). */
function phraseFor(kind: ConnectionKind, text: string): string {
  const around = new RegExp(String.raw`(?:${kind.pattern.source})(?:\s+\w+)?\s+(?:database|db)\b`, 'i');
  return (text.match(around) ?? text.match(kind.pattern))?.[0] ?? kind.kind;
}

function uniqueName(name: string, taken: readonly Record<string, unknown>[]): string {
  const names = new Set(taken.map((c) => c.name));
  let candidate = name;
  for (let n = 2; names.has(candidate); n++) candidate = `${name}_${n}`;
  return candidate;
}

interface Built {
  readonly connection: Record<string, unknown>;
  readonly notes: readonly { path: readonly string[]; note: string }[];
}

function buildConnection(
  kind: ConnectionKind,
  name: string,
  envVars: readonly string[],
  phrase: string,
): Built {
  const prefix = kind.name.toUpperCase();
  const urlVar = envVars.find(
    (v) => !SECRET_WORDS.test(v) && (v.startsWith(prefix) || kind.specType !== 'http'),
  );
  const notes: { path: readonly string[]; note: string }[] = [
    { path: ['type'], note: `"${phrase}" → ${kind.specType}` },
  ];
  const envVar = urlVar ?? kind.envVar;
  if (urlVar === undefined)
    notes.push({ path: ['envVar'], note: `the usual variable for a ${kind.kind} URL` });
  const connection: Record<string, unknown> = { name, type: kind.specType, envVar };
  if (kind.credentials) {
    const stated = envVars.find(
      (v) => SECRET_WORDS.test(v) && (v.startsWith(prefix) || envVars.length === 1),
    );
    connection.auth = { type: kind.credentials.type, envVar: stated ?? kind.credentials.envVar };
    if (stated === undefined)
      notes.push({ path: ['auth'], note: `${kind.kind} takes a ${kind.credentials.type} credential` });
  }
  return { connection, notes };
}

function databaseQuestion(text: string): Question[] {
  if (!GENERIC_DATABASE.test(text)) return [];
  return [
    {
      path: 'connections',
      question: 'which database is it (PostgreSQL, MySQL or SQLite)? add it under connections',
    },
  ];
}
