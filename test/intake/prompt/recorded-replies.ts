/**
 * Replies as the two APIs send them (shapes recorded from their documented wire formats): a good draft, a
 * malformed one, one that violates the spec schema, a 429 with Retry-After, and a 401.
 */
import type { RecordedReply } from './wire-server.js';

export const GOOD_DRAFT = {
  spec: {
    name: 'inventory-mcp',
    version: '0.1.0',
    transport: 'http',
    auth: { type: 'api_key' },
    connections: [{ name: 'inventory_db', type: 'postgresql', envVar: 'DATABASE_URL' }],
    tools: [
      {
        name: 'search_products',
        connection: 'inventory_db',
        pagination: { pageSize: 50 },
        returns: { type: 'array', items: { type: 'object' } },
      },
      { name: 'get_stock_level', connection: 'inventory_db' },
      { name: 'update_inventory', connection: 'inventory_db' },
    ],
  },
  inferred: [{ path: 'connections[0].type', note: '"inventory database" → postgresql' }],
  questions: [{ path: 'tools[0].implementation', question: 'which table holds products?' }],
};

/** `tools` must have at least one entry and `transport` is an enum: two schema errors. */
export const SCHEMA_VIOLATING_DRAFT = {
  spec: { name: 'inventory-mcp', version: '0.1.0', transport: 'carrier-pigeon', tools: [] },
  inferred: [],
  questions: [],
};

const anthropicMessage = (content: unknown[]) => ({
  id: 'msg_01',
  type: 'message',
  role: 'assistant',
  model: 'claude-sonnet-4-5',
  content,
  stop_reason: 'tool_use',
  stop_sequence: null,
  usage: { input_tokens: 100, output_tokens: 100 },
});

const toolUse = (input: unknown) => ({ type: 'tool_use', id: 'toolu_01', name: 'mcp_server_draft', input });

export const ANTHROPIC = {
  good: { status: 200, body: anthropicMessage([toolUse(GOOD_DRAFT)]) },
  malformed: {
    status: 200,
    body: anthropicMessage([{ type: 'text', text: 'Sure! Here is your server: ...' }]),
  },
  schemaViolating: { status: 200, body: anthropicMessage([toolUse(SCHEMA_VIOLATING_DRAFT)]) },
  rateLimited: {
    status: 429,
    headers: { 'retry-after-ms': '10' },
    body: {
      type: 'error',
      error: { type: 'rate_limit_error', message: 'Number of requests has exceeded your rate limit' },
    },
  },
  unauthorized: {
    status: 401,
    body: { type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } },
  },
} satisfies Record<string, RecordedReply>;

const completion = (content: string) => ({
  id: 'chatcmpl-01',
  object: 'chat.completion',
  created: 1_700_000_000,
  model: 'gpt-4.1-mini',
  choices: [
    {
      index: 0,
      message: { role: 'assistant', content, refusal: null },
      finish_reason: 'stop',
      logprobs: null,
    },
  ],
  usage: { prompt_tokens: 100, completion_tokens: 100, total_tokens: 200 },
});

export const OPENAI = {
  good: { status: 200, body: completion(JSON.stringify(GOOD_DRAFT)) },
  malformed: { status: 200, body: completion('{"spec": {"name": "inventory-mcp", "tools": [') },
  schemaViolating: { status: 200, body: completion(JSON.stringify(SCHEMA_VIOLATING_DRAFT)) },
  rateLimited: {
    status: 429,
    headers: { 'retry-after-ms': '10' },
    body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } },
  },
  unauthorized: {
    status: 401,
    body: {
      error: {
        message: 'Incorrect API key provided',
        type: 'invalid_request_error',
        code: 'invalid_api_key',
      },
    },
  },
} satisfies Record<string, RecordedReply>;
