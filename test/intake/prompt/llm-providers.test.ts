/**
 * The LLM path end to end: the official Anthropic and OpenAI SDK clients over real HTTP to a local server
 * speaking their wire formats with recorded replies. Good, malformed and schema-violating replies, the
 * repair loop with the parser's diagnostics, retries on 429, a clear error on 401, redaction of secrets.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FactoryError } from '../../../src/errors.js';
import { draft } from '../../../src/intake/prompt/index.js';
import { cli } from '../../helpers/run-cli.js';
import { ANTHROPIC, OPENAI } from './recorded-replies.js';
import { startWireServer, type WireServer } from './wire-server.js';

const SEED =
  'Create an MCP server that connects to our PostgreSQL inventory database, has tools for search_products, ' +
  'get_stock_level, update_inventory, requires API key authentication and returns results paginated at 50 items';
const SYSTEM = readFileSync(new URL('../../../prompts/nl-extraction.md', import.meta.url), 'utf8');

let wire: WireServer;
beforeAll(async () => {
  wire = await startWireServer();
});
afterAll(async () => {
  await wire.close();
});
beforeEach(() => {
  wire.reset();
});

const PROVIDERS = [
  {
    name: 'anthropic',
    replies: ANTHROPIC,
    env: () => ({
      ANTHROPIC_API_KEY: 'sk-test-key-never-real',
      ANTHROPIC_BASE_URL: wire.url,
      MCP_LLM_RETRIES: '2',
    }),
    userText: (body: Record<string, unknown>) => JSON.stringify(body.messages),
    schemaOf: (body: Record<string, unknown>) =>
      (body.tools as { input_schema: Record<string, unknown> }[])[0]?.input_schema,
    systemOf: (body: Record<string, unknown>) => body.system,
  },
  {
    name: 'openai',
    replies: OPENAI,
    env: () => ({
      OPENAI_API_KEY: 'sk-test-key-never-real',
      OPENAI_BASE_URL: `${wire.url}/v1`,
      MCP_LLM_RETRIES: '2',
    }),
    userText: (body: Record<string, unknown>) => JSON.stringify(body.messages),
    schemaOf: (body: Record<string, unknown>) =>
      (body.response_format as { json_schema: { schema: Record<string, unknown> } }).json_schema.schema,
    systemOf: (body: Record<string, unknown>) => (body.messages as { content: string }[])[0]?.content,
  },
] as const;

describe.each(PROVIDERS)('$name provider over its wire format', (p) => {
  it('accepts a good reply: the spec parses, inferred notes and questions come through', async () => {
    wire.reply(p.replies.good);
    const result = await draft(SEED, { env: p.env() });
    expect(result.provider).toBe(p.name);
    expect(result.parsed.errors).toEqual([]);
    expect(result.parsed.spec?.tools.map((t) => t.name)).toEqual([
      'search_products',
      'get_stock_level',
      'update_inventory',
    ]);
    expect(result.yaml).toContain('type: postgresql # inferred: "inventory database" → postgresql');
    expect(result.questions).toEqual([
      { path: 'tools[0].implementation', question: 'which table holds products?' },
    ]);
    expect(result.rounds).toBe(1);
    const sent = wire.requests[0]?.body ?? {};
    expect(p.systemOf(sent)).toBe(SYSTEM);
    const schema = p.schemaOf(sent) as {
      properties: { spec: { $ref?: string } };
      $defs: Record<string, unknown>;
    };
    expect(schema.$defs).toHaveProperty('McpServerSpec');
  });

  it('sends a schema-violating draft back with the parser diagnostics, and takes the repaired one', async () => {
    wire.reply(p.replies.schemaViolating, p.replies.good);
    const result = await draft(SEED, { env: p.env() });
    expect(result.parsed.errors).toEqual([]);
    expect(result.rounds).toBe(2);
    const repair = p.userText(wire.requests[1]?.body ?? {});
    expect(repair).toMatch(/The spec parser rejected it/);
    expect(repair).toMatch(/transport/);
    expect(repair).toMatch(/a server needs at least one tool/);
  });

  it('stops after two repair rounds and returns the best draft with its remaining diagnostics', async () => {
    wire.reply(p.replies.malformed, p.replies.schemaViolating, p.replies.schemaViolating, p.replies.good);
    const result = await draft(SEED, { env: p.env() });
    expect(wire.requests).toHaveLength(3);
    expect(result.rounds).toBe(3);
    expect(result.parsed.spec).toBeUndefined();
    expect(result.parsed.errors.length).toBeGreaterThan(0);
  });

  it('reports a malformed reply as a warning and repairs it', async () => {
    wire.reply(p.replies.malformed, p.replies.good);
    const result = await draft(SEED, { env: p.env() });
    expect(result.parsed.errors).toEqual([]);
    expect(result.rounds).toBe(2);
  });

  it('retries a 429 with backoff and succeeds', async () => {
    wire.reply(p.replies.rateLimited, p.replies.good);
    const result = await draft(SEED, { env: p.env() });
    expect(result.parsed.errors).toEqual([]);
    expect(wire.requests).toHaveLength(2);
  });

  it('gives up on a persistent 429 with a clear operational error', async () => {
    wire.reply(p.replies.rateLimited, p.replies.rateLimited, p.replies.rateLimited);
    const error = (await draft(SEED, { env: p.env() }).catch((e: unknown) => e)) as FactoryError;
    expect(error).toBeInstanceOf(FactoryError);
    expect(error.code).toBe('RUNTIME_FAILED');
    expect(error.message).toMatch(new RegExp(`${p.name} kept refusing with 429`));
    expect(wire.requests).toHaveLength(3);
  });

  it('says the key is wrong on 401, without retrying and without repeating the key', async () => {
    wire.reply(p.replies.unauthorized);
    const error = (await draft(SEED, { env: p.env() }).catch((e: unknown) => e)) as FactoryError;
    expect(error.code).toBe('CREDENTIALS_REJECTED');
    expect(error.message).toMatch(
      new RegExp(`${p.name} rejected the key in ${p.name.toUpperCase()}_API_KEY`),
    );
    expect(JSON.stringify({ m: error.message, h: error.hint })).not.toContain('sk-test-key');
    expect(wire.requests).toHaveLength(1);
  });

  it('gives up with a clear error when the server does not answer within the timeout', async () => {
    wire.reply({ ...p.replies.good, delayMs: 3000 });
    const env = { ...p.env(), MCP_LLM_TIMEOUT_MS: '200', MCP_LLM_RETRIES: '0' };
    const error = (await draft(SEED, { env }).catch((e: unknown) => e)) as FactoryError;
    expect(error.code).toBe('RUNTIME_FAILED');
    expect(error.message).toBe(`${p.name} did not answer in time`);
  });

  it('mcp-create --prompt picks it from its key, says so, and exits 2 without a stack trace on 401', async () => {
    wire.reply(p.replies.good, p.replies.unauthorized);
    const cwd = new URL('../../..', import.meta.url).pathname;
    const ok = await cli(['create', '--prompt', SEED, '--dry-run', '--json'], { cwd, env: p.env() });
    expect(ok.code).toBe(0);
    expect(ok.json()).toMatchObject({ provider: p.name, spec: { name: 'inventory-mcp' } });
    const rejected = await cli(['create', '--prompt', SEED, '--dry-run'], { cwd, env: p.env() });
    expect(rejected.code).toBe(2);
    expect(rejected.stderr).toMatch(/rejected the key/);
    expect(rejected.stderr).not.toMatch(/\n\s+at /);
  });

  it('writes the best draft and shows its remaining diagnostics when repairs run out', async () => {
    wire.reply(p.replies.schemaViolating, p.replies.schemaViolating, p.replies.schemaViolating);
    const cwd = mkdtempSync(join(tmpdir(), 'mcp-prompt-llm-'));
    try {
      const run = await cli(['create', '--prompt', SEED], {
        cwd,
        env: { ...p.env(), MCP_FACTORY_HOME: join(cwd, 'home') },
      });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^Drafted drafted\.mcp\.yaml with the /);
      expect(run.stdout).toMatch(/drafted\.mcp\.yaml:\d+:\d+: error: .*a server needs at least one tool/);
      expect(readFileSync(join(cwd, 'drafted.mcp.yaml'), 'utf8')).toContain('carrier-pigeon');
      expect(wire.requests).toHaveLength(3);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it('never sends a secret value written in the prompt', async () => {
    wire.reply(p.replies.good);
    await draft(`${SEED}. Our token is ghp_abcdefghijklmnopqrstuvwxyz0123456789`, { env: p.env() });
    const sent = p.userText(wire.requests[0]?.body ?? {});
    expect(sent).not.toContain('ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    expect(sent).toContain('[redacted: a GitHub token]');
  });
});
