/** Reading the source: forbidden keys never reach JS objects, secrets are never echoed, all problems at once. */
import { describe, expect, it, vi } from 'vitest';
import { parseSpec } from '../../src/spec/index.js';

describe('source safety', () => {
  it('reports __proto__/constructor/prototype keys and never touches Object.prototype', () => {
    const text = `name: s
version: 1.0.0
tools:
  - name: t
    parameters:
      __proto__: { type: string, polluted: true }
      prototype: { type: string }
    returns:
      type: object
      properties:
        constructor: { type: string }
`;
    const result = parseSpec(text);
    expect(result.errors.map((e) => [e.rule, e.path, e.line])).toEqual([
      ['forbidden-key', 'tools[0].parameters.__proto__', 6],
      ['forbidden-key', 'tools[0].parameters.prototype', 7],
      ['forbidden-key', 'tools[0].returns.properties.constructor', 11],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it('never repeats a secret in its message or hint', () => {
    const secrets = [
      'sk-ant-api03-abcdefghijklmnopqrstuvwx',
      'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
      'xoxb-1234567890-abcdefghij',
      'AKIAIOSFODNN7EXAMPLE',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U',
      'postgres://app:s3cr3t-pw@db.example.com/prod',
    ];
    const lines = secrets.map((s, i) => `      H${i}: "${s}"`).join('\n');
    const text = `name: s\nversion: 1.0.0\nconnections:\n  - name: api\n    type: http\n    envVar: API_URL\n    headers:\n${lines}\n    apiKey: hunter2\ntools:\n  - name: t\n`;
    const result = parseSpec(text);
    const secretErrors = result.errors.filter((e) => e.rule === 'secret-literal');
    expect(secretErrors.map((e) => e.line)).toEqual([8, 9, 10, 11, 12, 13, 14]);
    const printed = JSON.stringify(result);
    for (const secret of [...secrets, 'hunter2', 's3cr3t-pw']) expect(printed).not.toContain(secret);
  });

  it('does not flag env var references or documentation', () => {
    const text = `name: s
version: 1.0.0
description: Reads the password from DB_PASSWORD; tokens are never stored.
auth: { type: bearer, envVar: MCP_TOKENS }
transport: http
tools:
  - name: t
    parameters:
      token: { type: string, description: "an access token" }
`;
    expect(parseSpec(text).errors).toEqual([]);
  });

  it('reports structure problems and secrets together', () => {
    const text = 'name: s\nversion: 1.0.0\ntools:\n  - name: t\n    password: hunter2\n    colour: red\n';
    const rules = parseSpec(text).errors.map((e) => `${e.rule}@${e.line}`);
    expect(rules).toEqual(['structure@5', 'secret-literal@5', 'structure@6']);
  });

  it('still runs the semantic rules when unknown keys are the only structural problem', () => {
    const text =
      'name: s\nversion: 1.0.0\ntools:\n  - name: t\n    colour: red\ntriggers:\n  - { type: startup, tool: nope }\n';
    const result = parseSpec(text);
    expect(result.spec).toBeUndefined();
    expect(result.errors.map((e) => `${e.rule}@${e.line}`)).toEqual(['structure@5', 'unknown-tool@7']);
  });

  it('reports an alias bomb instead of expanding it', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'name: s',
      'version: 1.0.0',
      'tools: [{ name: t }]',
    ].join('\n');
    expect(parseSpec(bomb).errors.map((e) => e.rule)).toEqual(['yaml-aliases']);
  });

  it.each([
    [
      'YAML',
      (n: number) => `name: s\nversion: 1.0.0\ntools: [{ name: t }]\nx: ${'['.repeat(n)}${']'.repeat(n)}\n`,
    ],
    [
      'JSON',
      (n: number) =>
        `{"name": "s", "version": "1.0.0", "tools": [{"name": "t"}], "x": ${'['.repeat(n)}${']'.repeat(n)}}`,
    ],
  ])('reports absurd nesting in %s without crashing', (_, make) => {
    for (const depth of [100, 20_000]) {
      const result = parseSpec(make(depth));
      expect(result.spec).toBeUndefined();
      expect(result.errors.length).toBeGreaterThan(0);
    }
  });

  it('rejects several YAML documents in one file', () => {
    const result = parseSpec('name: s\nversion: 1.0.0\ntools: [{ name: t }]\n---\nname: b\n');
    expect(result.errors).toEqual([
      expect.objectContaining({
        rule: 'yaml-syntax',
        line: 4,
        message: expect.stringMatching(/multiple documents/),
      }),
    ]);
  });

  it('does not let the YAML library print warnings', () => {
    const warn = vi.spyOn(process, 'emitWarning');
    parseSpec('name: s\nversion: 1.0.0\n? [a, b]\n: c\ntools: [{ name: t }]\n');
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
});
