/**
 * What an LLM must answer: the spec (bound to the spec's own JSON Schema, generated from its zod schema),
 * the values it inferred and the questions it could not answer. A reply that is not this shape becomes an
 * empty draft with a warning, so the parser reports it and the repair loop can ask again.
 */
import { z } from 'zod';
import { buildJsonSchema } from '../../../spec/index.js';
import type { RawDraft } from '../types.js';

export const REPLY_NAME = 'mcp_server_draft';

const Reply = z.object({
  spec: z.record(z.string(), z.unknown()),
  inferred: z.array(z.object({ path: z.string(), note: z.string() })).default([]),
  questions: z.array(z.object({ path: z.string(), question: z.string() })).default([]),
});

/** The reply's JSON Schema: the spec schema under `spec`, its `$defs` kept at the root where its refs point. */
export function replyJsonSchema(): Record<string, unknown> {
  const { $defs, $id: _id, $schema: _schema, ...spec } = buildJsonSchema();
  return {
    type: 'object',
    additionalProperties: false,
    required: ['spec', 'inferred', 'questions'],
    properties: {
      spec,
      inferred: {
        type: 'array',
        items: {
          type: 'object',
          required: ['path', 'note'],
          properties: { path: { type: 'string' }, note: { type: 'string' } },
        },
      },
      questions: {
        type: 'array',
        items: {
          type: 'object',
          required: ['path', 'question'],
          properties: { path: { type: 'string' }, question: { type: 'string' } },
        },
      },
    },
    $defs,
  };
}

export function toRawDraft(value: unknown): RawDraft {
  const reply = Reply.safeParse(typeof value === 'string' ? parseJson(value) : value);
  if (!reply.success) {
    return {
      spec: {},
      inferred: [],
      questions: [],
      warnings: ['the model’s reply was not a draft (not JSON of the asked shape)'],
    };
  }
  return {
    spec: reply.data.spec,
    inferred: reply.data.inferred.map((i) => ({ path: toSegments(i.path), note: i.note })),
    questions: reply.data.questions,
    warnings: [],
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `tools[0].name` → ['tools', 0, 'name']. */
function toSegments(path: string): (string | number)[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) =>
    m[2] === undefined ? (m[1] ?? '') : Number(m[2]),
  );
}
