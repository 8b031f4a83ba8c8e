/**
 * Events that call tools: schedules (cron from English), webhooks, file watching, queue consumers,
 * PostgreSQL LISTEN and start-up. Each trigger calls the tool its own clause of the prompt talks about; when
 * no tool fits, it calls the first one and a question says so.
 */
import type { Inference, Question } from '../types.js';
import { findSchedules } from './schedule.js';

export interface TriggerContext {
  readonly text: string;
  readonly tools: readonly string[];
  readonly connections: readonly Record<string, unknown>[];
}

export interface FoundTriggers {
  readonly triggers: Record<string, unknown>[];
  readonly inferred: readonly Inference[];
  readonly questions: readonly Question[];
}

interface Hit {
  readonly index: number;
  readonly trigger: Record<string, unknown>;
  readonly notes: readonly { path: readonly string[]; note: string }[];
}

type Finder = (context: TriggerContext) => Hit[];

const WEBHOOK = /\bwebhooks?(?:\s+from\s+(\w+))?|\bwhen\s+(\w+)\s+calls?\s+us\b/i;
const FILE_EVENT =
  /\b(?:when (?:a |new )?files? (?:is |are )?(?:added|created|changed|dropped|appears?|lands?|uploaded)|watch(?:es|ing)? (?:the |a )?(?:folder|directory|files?|path))/i;
const PATH_TOKEN = /(?:^|\s)((?:\.{1,2}\/|\/)[\w./*-]+)/;
const QUEUE = /\b(?:consum\w*|process\w*|reads?|listens?|picks?)\b[^.;]*?\b(queue|stream|list)\b/i;
const LISTEN = /\bLISTEN(?:s|ing)?\b|\bNOTIFY\b|\bnotifications? on\b/;
const STARTUP = /\b(?:on|at) start[- ]?up\b|\bwhen the server starts\b|\b(?:on|at) boot\b/i;

const cronFinder: Finder = ({ text }) =>
  findSchedules(text).map((schedule) => ({
    index: schedule.index,
    trigger: {
      type: 'cron',
      schedule: schedule.cron,
      ...(schedule.timezone ? { timezone: schedule.timezone } : {}),
    },
    notes: [{ path: ['schedule'], note: `"${schedule.phrase}" → ${schedule.cron}` }],
  }));

const webhookFinder: Finder = ({ text }) => {
  const match = text.match(WEBHOOK);
  if (!match || match.index === undefined) return [];
  const source = (match[1] ?? match[2] ?? '').toLowerCase();
  const path =
    /^[a-z][a-z0-9]*$/.test(source) && !/^(?:a|an|the|it|they)$/.test(source) ? `/${source}` : '/webhook';
  // Signed from the start: an unsigned webhook runs its tool for anyone who finds the URL.
  const secretVar = `${path.slice(1).toUpperCase()}_WEBHOOK_SECRET`;
  const scheme = source === 'github' ? 'github' : 'standard';
  return [
    {
      index: match.index,
      trigger: { type: 'webhook', path, secret: { envVar: secretVar, scheme } },
      notes: [
        { path: ['path'], note: 'path chosen from the caller’s name' },
        {
          path: ['secret', 'envVar'],
          note: `deliveries are checked against the ${scheme} signature made with it`,
        },
      ],
    },
  ];
};

const fileFinder: Finder = ({ text }) => {
  const match = text.match(FILE_EVENT);
  if (!match || match.index === undefined) return [];
  const path = text.slice(match.index).match(PATH_TOKEN)?.[1];
  const notes = path ? [] : [{ path: ['paths'], note: 'placeholder: the folder to watch' }];
  return [{ index: match.index, trigger: { type: 'file', paths: [path ?? './inbox'] }, notes }];
};

const queueFinder: Finder = ({ text, connections }) => {
  const match = text.match(QUEUE);
  const connection = connections.find((c) => c.type === 'redis' || c.type === 'rabbitmq');
  if (!match || match.index === undefined || !connection) return [];
  const after = text.slice(match.index + match[0].length).match(/^\s+[`"']?([\w.:-]+)/)?.[1];
  const before = text
    .slice(0, match.index + match[0].length)
    .match(/([\w.:-]+)\s+(?:queue|stream|list)$/i)?.[1];
  const queue = [after, before].find((q) => q && !/^(?:the|a|an|redis|rabbitmq|from|of|and|to)$/i.test(q));
  const kind =
    connection.type === 'rabbitmq'
      ? 'rabbitmq'
      : /stream/i.test(match[1] ?? '')
        ? 'redis-stream'
        : 'redis-list';
  const notes = queue ? [] : [{ path: ['queue'], note: 'placeholder: the queue to consume' }];
  const trigger = { type: 'queue', kind, connection: connection.name, queue: queue ?? 'jobs' };
  return [{ index: match.index, trigger, notes }];
};

const listenFinder: Finder = ({ text, connections }) => {
  const match = text.match(LISTEN);
  const connection = connections.find((c) => c.type === 'postgresql');
  if (!match || match.index === undefined || !connection) return [];
  const channel = text.slice(match.index).match(/\bchannel\s+[`"']?([A-Za-z_][A-Za-z0-9_]*)/)?.[1];
  const notes = channel ? [] : [{ path: ['channel'], note: 'placeholder: the NOTIFY channel' }];
  return [
    {
      index: match.index,
      trigger: { type: 'database', connection: connection.name, channel: channel ?? 'changes' },
      notes,
    },
  ];
};

const startupFinder: Finder = ({ text }) => {
  const match = text.match(STARTUP);
  return match?.index === undefined ? [] : [{ index: match.index, trigger: { type: 'startup' }, notes: [] }];
};

const FINDERS: readonly Finder[] = [
  cronFinder,
  webhookFinder,
  fileFinder,
  queueFinder,
  listenFinder,
  startupFinder,
];

export function findTriggers(context: TriggerContext): FoundTriggers {
  const triggers: Record<string, unknown>[] = [];
  const inferred: Inference[] = [];
  const questions: Question[] = [];
  const hits = FINDERS.flatMap((finder) => finder(context)).sort((a, b) => a.index - b.index);
  for (const hit of hits) {
    const at = triggers.length;
    const tool = toolForClause(clauseAt(context.text, hit.index), context.tools);
    triggers.push({ ...hit.trigger, tool: tool ?? context.tools[0] });
    for (const note of hit.notes) inferred.push({ path: ['triggers', at, ...note.path], note: note.note });
    if (tool === undefined) {
      questions.push({
        path: `triggers[${at}].tool`,
        question: `which tool should the ${String(hit.trigger.type)} trigger call?`,
      });
    }
  }
  return { triggers, inferred, questions };
}

/** The sentence part around a trigger phrase: between the nearest ".", ";" or "," on either side. */
function clauseAt(text: string, index: number): string {
  const start = Math.max(...[...'.;,'].map((c) => text.lastIndexOf(c, index - 1))) + 1;
  const ends = [...'.;,'].map((c) => text.indexOf(c, index)).filter((i) => i !== -1);
  return text.slice(start, ends.length > 0 ? Math.min(...ends) : text.length).toLowerCase();
}

/** The tool whose name shares the most words (plural-insensitive) with the clause. */
function toolForClause(clause: string, tools: readonly string[]): string | undefined {
  let best: { tool: string; score: number } | undefined;
  for (const tool of tools) {
    const score = tool
      .split('_')
      .filter((part) => part.length >= 3 && clause.includes(part.replace(/s$/, ''))).length;
    if (score > 0 && (best === undefined || score > best.score)) best = { tool, score };
  }
  return best?.tool;
}
