/**
 * The offline provider: rules and a lexicon, no network, same prompt ⇒ same draft. Reads the prompt in
 * fixed steps (typos → tools → connections → server options → triggers) and assembles a spec object.
 */
import { FactoryError } from '../../../errors.js';
import type { Inference, PromptProvider, Question, RawDraft } from '../types.js';
import { findConnections } from './connections.js';
import { toServerName } from './safe-name.js';
import { findServerOptions } from './server-options.js';
import { findToolNames } from './tool-names.js';
import { findTriggers } from './triggers.js';
import { correctTypos } from './typos.js';

export const EXAMPLE_PROMPT =
  'mcp-create --prompt "a server on our PostgreSQL inventory database with tools search_products, ' +
  'get_stock_level and update_inventory, API key auth, paginated at 50"';

const LIST_VERBS = /^(?:search|list|find|query|browse|get_all|fetch_all)_/;
const MAX_PROMPT = 10_000;

export const offlineProvider: PromptProvider = {
  name: 'offline',
  repairs: false,
  async draft({ prompt }) {
    return readPrompt(prompt);
  },
};

export function readPrompt(prompt: string): RawDraft {
  if (prompt.length > MAX_PROMPT) {
    throw new FactoryError(
      'SPEC_INVALID',
      `the prompt is ${prompt.length} characters; at most ${MAX_PROMPT} are read`,
    );
  }
  const { text, fixes } = correctTypos(prompt);
  const tools = findToolNames(text);
  if (tools.names.length === 0) throw nothingToBuild(tools.refused);
  const found = findConnections(text);
  const options = findServerOptions(text);
  const triggers = findTriggers({ text, tools: tools.names, connections: found.connections });
  const inferred: Inference[] = [...found.inferred, ...options.inferred, ...triggers.inferred];
  const questions: Question[] = [...found.questions, ...options.questions, ...triggers.questions];
  const spec: Record<string, unknown> = {
    name: serverName(text, found.connections, tools.names),
    version: '0.1.0',
    // Not the prompt itself: a prompt may hold a value that must not reach generated files.
    description: `Tools: ${tools.names.join(', ')}.`,
    transport: options.transport,
    ...(options.auth ? { auth: options.auth } : {}),
    ...(found.connections.length > 0 ? { connections: found.connections } : {}),
    tools: tools.names.map((name, index) => {
      const built = buildTool(name, found.connections, options.pageSize, tools.implied);
      inferred.push(
        ...built.inferred.map((note) => ({ path: ['tools', index, ...note.path], note: note.note })),
      );
      questions.push(
        ...built.questions.map((q) => ({ path: `tools[${index}].${q.path}`, question: q.question })),
      );
      return built.tool;
    }),
    ...(triggers.triggers.length > 0 ? { triggers: triggers.triggers } : {}),
  };
  inferred.push({ path: ['name'], note: 'named after what the prompt connects to' });
  const warnings = [
    ...fixes,
    ...tools.refused.map((reason) => `left out a tool name: ${reason}`),
    ...found.unsupported.map(
      (kind) => `${kind}: the spec has no ${kind} connection type yet; its tools are handler stubs`,
    ),
    ...pageSizeWarning(options.pageSize, tools.names),
  ];
  return { spec, inferred, questions, warnings };
}

function nothingToBuild(refused: readonly string[]): FactoryError {
  const why =
    refused.length > 0
      ? `every tool name was refused (${refused.join('; ')})`
      : 'it names no tool and no action';
  return new FactoryError('SPEC_INVALID', `nothing to build from this prompt: ${why}`, {
    hint: `say what the server connects to and what its tools do, e.g.\n  ${EXAMPLE_PROMPT}`,
  });
}

interface BuiltTool {
  readonly tool: Record<string, unknown>;
  readonly inferred: readonly { path: readonly string[]; note: string }[];
  readonly questions: readonly Question[];
}

function buildTool(
  name: string,
  connections: readonly Record<string, unknown>[],
  pageSize: number | undefined,
  implied: boolean,
): BuiltTool {
  const words = name.split('_');
  const description =
    `${(words[0] ?? '').replace(/^./, (c) => c.toUpperCase())} ${words.slice(1).join(' ')}.`.trim();
  const tool: Record<string, unknown> = { name, description };
  const inferred = [
    { path: ['description'], note: 'worded from the tool name' },
    ...(implied ? [{ path: ['name'], note: 'implied by a verb and its object in the prompt' }] : []),
  ];
  const connection = connections.length === 1 ? connections[0] : undefined;
  if (connection) tool.connection = connection.name;
  if (pageSize !== undefined && LIST_VERBS.test(name)) {
    tool.pagination = { pageSize };
    tool.returns = { type: 'array', items: { type: 'object' } };
    inferred.push({ path: ['returns'], note: 'a paginated tool returns a list' });
  }
  const questions: Question[] = [
    {
      path: 'implementation',
      question: connection
        ? `what does ${name} run against ${String(connection.name)} (which table, which statement)? until then it is a handler stub`
        : `what does ${name} do? it is a handler stub in src/handlers/${name}.ts until you add an implementation`,
    },
  ];
  return { tool, inferred, questions };
}

function serverName(
  text: string,
  connections: readonly Record<string, unknown>[],
  tools: readonly string[],
): string {
  const connection = connections[0]?.name;
  const base =
    typeof connection === 'string' && connection !== 'db'
      ? connection.replace(/_db$/, '')
      : tools[0]?.split('_').slice(1).join('-') || 'drafted';
  return toServerName(`${base}-mcp`) ?? (toServerName(text.slice(0, 20)) || 'drafted-mcp');
}

function pageSizeWarning(pageSize: number | undefined, tools: readonly string[]): string[] {
  if (pageSize === undefined || tools.some((t) => LIST_VERBS.test(t))) return [];
  return [
    `a page size of ${pageSize} was asked for, but no tool searches or lists: set tools[].pagination yourself`,
  ];
}
