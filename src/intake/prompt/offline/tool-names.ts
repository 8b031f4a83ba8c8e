/**
 * Tool names from a prompt, in the order they appear: first the ones stated (a list after "tools",
 * snake_case or camelCase identifiers anywhere), and only when none is stated, the ones implied by action
 * verbs and their objects ("search and update customers"), found with compromise's part-of-speech tags.
 */
import nlp from 'compromise';
import { type NameResult, toSnakeName } from './safe-name.js';

export interface ToolNames {
  readonly names: readonly string[];
  /** True when the names came from verbs, not from the prompt's own words for tools. */
  readonly implied: boolean;
  readonly refused: readonly string[];
}

const LIST_INTRO = /\btools?\b(?:\s+(?:for|called|named|like|such as|to|that|which))?\s*:?\s*/gi;
const LIST_END =
  /[.;!?\n]|\b(?:that|which|requir\w*|using|uses|with|paginat\w*|returns?|authenticat\w*|runs?|over|via|in docker|every|when|nightly|daily|hourly|on|from|against|behind|protected|secured|by|for)\b/i;
const ITEM_SPLIT = /,|\band\b|\bor\b|&|\//i;
/** snake_case (one "_" at least) or camelCase words, but not ENV_VARS. */
const IDENTIFIER =
  /(?<![\w/.$-])(?:[a-z][a-z0-9]*(?:_[a-z0-9]+)+|[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)+)(?![\w/-]|\.\w)/g;
/** An identifier after these words names something else (a channel, a queue, a table), not a tool. */
const NOT_A_TOOL_BEFORE =
  /\b(?:channel|queue|table|stream|topic|bucket|folder|column|var|variable|header|key)\s*$/i;
const MAX_OBJECT_WORDS = 3;
const NOT_TOOLS = new Set(['api_key', 'page_size', 'per_page', 'mcp_server']);

export const ACTION_VERBS = new Set([
  'search',
  'list',
  'get',
  'find',
  'fetch',
  'read',
  'query',
  'lookup',
  'look',
  'create',
  'add',
  'insert',
  'update',
  'edit',
  'modify',
  'delete',
  'remove',
  'send',
  'post',
  'publish',
  'upload',
  'download',
  'write',
  'check',
  'track',
  'cancel',
  'refund',
  'book',
  'close',
  'open',
  'assign',
  'archive',
  'sync',
  'import',
  'export',
  'count',
  'summarize',
  'notify',
  'charge',
  'comment',
  'merge',
  'restock',
  'reserve',
]);
/** Verbs that say how the server is made or wired, never what a tool does. */
const SERVER_VERBS = new Set([
  'be',
  'have',
  'need',
  'want',
  'make',
  'build',
  'create',
  'connect',
  'require',
  'use',
  'run',
  'expose',
  'return',
  'serve',
  'deploy',
  'call',
  'let',
  'allow',
  'support',
  'provide',
  'handle',
  'do',
  'can',
  'should',
  'will',
  'help',
  'work',
  'talk',
  'back',
  'protect',
  'secure',
  'authenticate',
  'paginate',
  'watch',
  'consume',
  'listen',
  'start',
  'trigger',
  'include',
  'give',
  'like',
  'please',
]);

/** Nouns that describe the server or its plumbing, never what a tool acts on. */
const PLUMBING = new Set([
  'server',
  'mcp',
  'tool',
  'tools',
  'database',
  'db',
  'api',
  'apis',
  'auth',
  'authentication',
  'docker',
  'http',
  'stdio',
  'page',
  'pages',
  'items',
  'results',
  'key',
  'token',
  'service',
  'way',
  'something',
  'thing',
  'things',
  'it',
  'them',
]);

export function findToolNames(text: string): ToolNames {
  const stated = [...listedNames(text), ...identifierNames(text)]
    .sort((a, b) => a.at - b.at)
    .map((found) => found.result);
  const refused = stated.flatMap((r) => ('refused' in r ? [r.refused] : []));
  const names = unique(stated.flatMap((r) => ('name' in r ? [r.name] : [])));
  if (names.length > 0) return { names, implied: false, refused };
  return { names: unique(verbObjectNames(text)), implied: true, refused };
}

interface Found {
  /** Where in the prompt the name was written: names come out in the prompt's order. */
  readonly at: number;
  readonly result: NameResult;
}

function listedNames(text: string): Found[] {
  const results: Found[] = [];
  for (const match of text.matchAll(LIST_INTRO)) {
    const at = (match.index ?? 0) + match[0].length;
    const rest = text.slice(at);
    const end = rest.search(LIST_END);
    const segment = end === -1 ? rest : rest.slice(0, end);
    const items = segment
      .split(ITEM_SPLIT)
      .map((item) => item.trim().replace(/^(?:to|one to|a tool to)\s+/i, ''))
      .filter((item) => item.replace(/["'`\s]/g, '') !== '');
    // Bare words ("tools a, b and c") are names only when the whole list is bare words.
    const bare = items.length > 1 && items.every((item) => /^\S+$/.test(item));
    items.forEach((item, n) => {
      if (bare || looksLikeAName(item)) {
        results.push({ at: at + segment.indexOf(item) + n / 100, result: toSnakeName(item) });
      }
    });
  }
  return results;
}

/** A list item is a name when it is an identifier or starts with an action verb ("get the stock level"). */
function looksLikeAName(item: string): boolean {
  if (/^["'`]?[\w$.-]+["'`]?$/.test(item) && /[_A-Z]|^["'`]/.test(item.replace(/^[A-Z]/, ''))) return true;
  if (/["'`;|&$<>(){}]/.test(item)) return true;
  const first = item.toLowerCase().split(/\s+/)[0] ?? '';
  return ACTION_VERBS.has(first) || ACTION_VERBS.has(first.replace(/(?:es|s)$/, ''));
}

function identifierNames(text: string): Found[] {
  const results: Found[] = [];
  for (const match of text.matchAll(IDENTIFIER)) {
    const before = text.slice(0, match.index ?? 0);
    if (NOT_A_TOOL_BEFORE.test(before) || NOT_TOOLS.has(match[0].toLowerCase())) continue;
    results.push({ at: match.index ?? 0, result: toSnakeName(match[0]) });
  }
  return results;
}

interface Term {
  readonly text: string;
  readonly normal: string;
  readonly tags: readonly string[];
}

/** "search and update customers" → search_customers, update_customers: each verb waits for its object. */
function verbObjectNames(text: string): string[] {
  const names: string[] = [];
  let verbs: string[] = [];
  let object: string[] = [];
  const flush = () => {
    if (verbs.length > 0 && object.length > 0) {
      for (const verb of verbs) {
        const result = toSnakeName(`${verb} ${object.join(' ')}`);
        if ('name' in result) names.push(result.name);
      }
      verbs = [];
    }
    object = [];
  };
  let previous: { verb: boolean; tags: readonly string[] } = { verb: false, tags: [] };
  for (const term of terms(text)) {
    // "get book details", "of books", "the post": a noun after a verb, preposition or determiner is no action.
    const nounPlace =
      previous.verb || previous.tags.some((tag) => tag === 'Preposition' || tag === 'Determiner');
    const verb: string | undefined = nounPlace && isNoun(term) ? undefined : actionVerb(term, !nounPlace);
    previous = { verb: verb !== undefined, tags: term.tags };
    if (verb !== undefined && object.length === 0) verbs.push(verb);
    else if (verb !== undefined) {
      flush();
      verbs.push(verb);
    } else if (isObjectWord(term) && verbs.length > 0 && object.length < MAX_OBJECT_WORDS)
      object.push(term.normal);
    else if (object.length > 0) flush();
    else if (!isGlue(term)) verbs = [];
  }
  flush();
  return names;
}

function terms(text: string): Term[] {
  const sentences = nlp(text).json({ terms: { normal: true } }) as { terms: Term[] }[];
  return sentences.flatMap((sentence) => sentence.terms);
}

function actionVerb(term: Term, anyVerb: boolean): string | undefined {
  const word = term.normal.replace(/[^a-z]/g, '');
  // Beyond the list: any verb the tagger sees in its base form ("translate text"), except the ones that
  // describe building or wiring the server rather than what a tool does.
  if (anyVerb && term.tags.includes('Infinitive') && !SERVER_VERBS.has(word)) return word;
  for (const candidate of [
    word,
    word.replace(/ing$/, ''),
    word.replace(/e?s$/, ''),
    word.replace(/s$/, ''),
  ]) {
    if (ACTION_VERBS.has(candidate)) return candidate === 'look' ? 'lookup' : candidate;
  }
  return undefined;
}

/**
 * Any word after an action verb that is not glue or plumbing: the tagger often reads a plural object as a
 * verb ("post messages", "search books"), and the verb before it already says what the phrase is.
 */
function isObjectWord(term: Term): boolean {
  const word = term.normal.replace(/[^a-z0-9]/g, '');
  if (word === '' || PLUMBING.has(word) || isGlue(term)) return false;
  if (/_/.test(term.text)) return false;
  return !term.tags.some((tag) => NOT_OBJECT_TAGS.has(tag));
}

const NOT_OBJECT_TAGS = new Set([
  'Pronoun',
  'Modal',
  'Copula',
  'Auxiliary',
  'Value',
  'PastTense',
  'Participle',
  'Gerund',
]);

function isNoun(term: Term): boolean {
  return term.tags.includes('Noun') || term.tags.includes('Plural');
}

function isGlue(term: Term): boolean {
  return (
    term.tags.some((tag) => ['Conjunction', 'Determiner', 'Preposition', 'Adverb'].includes(tag)) ||
    /^(?:and|or|to|up)$/.test(term.normal)
  );
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}
