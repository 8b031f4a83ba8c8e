/** The unsigned-webhook rule: a warning on its own, an error where it would bypass the server's auth. */
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/index.js';

const TOOLS = 'tools:\n  - name: refresh\n';
const HOOK = 'triggers:\n  - { type: webhook, path: /hooks/order-update, tool: refresh }\n';
const SIGNED =
  'triggers:\n  - type: webhook\n    path: /hooks/order-update\n    tool: refresh\n    secret: { envVar: ORDER_HOOK_SECRET, scheme: github }\n';

function parse(head: string, triggers: string) {
  const result = parseSpec(`name: s\nversion: 1.0.0\n${head}${TOOLS}${triggers}`);
  const found = [...result.errors, ...result.warnings].filter((d) => d.rule === 'unsigned-webhook');
  return { result, found };
}

describe('unsigned-webhook', () => {
  it('warns on a webhook without a secret, naming the tool and a secret to add', () => {
    const { result, found } = parse('', HOOK);
    expect(result.spec).toBeDefined();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', path: 'triggers[0]', line: 6 });
    expect(found[0]?.message).toBe(
      'webhook /hooks/order-update has no secret: anyone who can reach it can run refresh',
    );
    expect(found[0]?.hint).toContain('secret: { envVar: ORDER_UPDATE_WEBHOOK_SECRET, scheme: github }');
  });

  it('refuses it on an HTTP server with inbound auth, where it would go around that auth', () => {
    const auth = 'transport: http\nauth: { type: api_key, header: X-Api-Key, envVar: API_KEYS }\n';
    const { result, found } = parse(auth, HOOK);
    expect(result.spec).toBeUndefined();
    expect(found[0]).toMatchObject({ severity: 'error', path: 'triggers[0]' });
    expect(found[0]?.message).toContain("around the server's api_key auth");
  });

  it('says nothing about a signed webhook', () => {
    expect(parse('', SIGNED).found).toEqual([]);
    const auth = 'transport: http\nauth: { type: bearer, envVar: TOKENS }\n';
    const { result, found } = parse(auth, SIGNED);
    expect(found).toEqual([]);
    expect(result.errors).toEqual([]);
  });
});
