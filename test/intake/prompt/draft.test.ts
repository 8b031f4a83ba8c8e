/** The prompt door end to end with the offline provider: a sentence → YAML with notes → the one spec parser. */
import { describe, expect, it } from 'vitest';
import { FactoryError } from '../../../src/errors.js';
import { draft } from '../../../src/intake/prompt/index.js';

const SEED =
  'Create an MCP server that connects to our PostgreSQL inventory database, has tools for search_products, ' +
  'get_stock_level, update_inventory, requires API key authentication and returns results paginated at 50 items';

describe('draft (offline)', () => {
  it('turns the seed prompt into exactly three tools on postgresql with api_key auth and pages of 50', async () => {
    const result = await draft(SEED, { provider: 'offline', env: {} });
    expect(result.parsed.errors).toEqual([]);
    const spec = result.parsed.spec;
    expect(spec?.tools.map((t) => t.name)).toEqual([
      'search_products',
      'get_stock_level',
      'update_inventory',
    ]);
    expect(spec?.connections.map((c) => c.type)).toEqual(['postgresql']);
    expect(spec?.auth.type).toBe('api_key');
    expect(spec?.transport).toBe('http');
    expect(spec?.tools[0]?.pagination?.pageSize).toBe(50);
    expect(spec?.tools.slice(1).map((t) => t.pagination)).toEqual([undefined, undefined]);
    expect(result.provider).toBe('offline');
  });

  it('marks inferred values in the YAML and lists the open questions with their paths', async () => {
    const { yaml, questions } = await draft(SEED, { provider: 'offline', env: {} });
    expect(yaml).toMatch(/type: postgresql # inferred: "PostgreSQL inventory database" → postgresql/);
    expect(yaml).toMatch(/transport: http # inferred: authentication only applies over HTTP/);
    expect(questions.map((q) => q.path)).toContain('tools[0].implementation');
    expect(yaml).toContain('# - tools[0].implementation: what does search_products run against inventory_db');
  });

  it('chooses anthropic, then openai, then offline from the keys that are set', async () => {
    const { chooseProvider } = await import('../../../src/intake/prompt/index.js');
    expect(chooseProvider(undefined, { ANTHROPIC_API_KEY: 'x', OPENAI_API_KEY: 'y' })).toBe('anthropic');
    expect(chooseProvider(undefined, { OPENAI_API_KEY: 'y' })).toBe('openai');
    expect(chooseProvider(undefined, {})).toBe('offline');
    expect(() => chooseProvider('gemini', {})).toThrow(/unknown provider "gemini"/);
  });

  it.each(['', 'hello', 'make it good', '   '])(
    'refuses %j with an example of a useful prompt',
    async (prompt) => {
      const refusal = await draft(prompt, { provider: 'offline', env: {} }).catch((e: unknown) => e);
      expect(refusal).toBeInstanceOf(FactoryError);
      expect((refusal as FactoryError).message).toMatch(/nothing to build from this prompt/);
      expect((refusal as FactoryError).hint).toMatch(/mcp-create --prompt ".*search_products/);
    },
  );

  it('refuses object internals and shell characters as names, keeping the safe ones', async () => {
    const prompt = 'a server with tools for "__proto__", constructor, `rm -rf /; echo`, send_mail';
    const result = await draft(prompt, { provider: 'offline', env: {} });
    const names = result.parsed.spec?.tools.map((t) => t.name) ?? [];
    expect(names).toContain('send_mail');
    expect(names).not.toContain('__proto__');
    expect(names).not.toContain('constructor');
    for (const name of names) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
    expect(result.warnings.join('\n')).toMatch(/"__proto__" names a JavaScript object internal/);
  });
});
