/**
 * Values written into line-based generated files keep to their line (issue 11, items 6 and 11): .env.example
 * values read back by Node's own .env parser exactly as the spec wrote them, a value no quoting can keep on one
 * line is left empty rather than starting a line of its own, README cells stay in their row, and the README
 * says what the runtime does with triggers (it starts them).
 */
import { parseEnv } from 'node:util';
import { describe, expect, it } from 'vitest';
import { envExample } from '../../src/generator/emit/project-files.js';
import type { EnvVar } from '../../src/generator/env-vars.js';
import { plan } from '../../src/generator/plan.js';
import { specFrom, TEMPLATES } from './helpers.js';

const variable = (example: string): EnvVar => ({
  name: 'DB_PATH',
  description: 'Path of the SQLite database file',
  secret: false,
  required: true,
  usage: 'connection',
  example,
});

describe('.env.example values', () => {
  it.each([
    './data/app.sqlite',
    'C:\\data\\app.sqlite',
    '/srv/my data/app # 1.sqlite',
    "it's here",
    'say "hi"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a literal that .env readers must not expand
    '$HOME/${USER}/db',
    '',
  ])('%j reads back unchanged with node --env-file semantics', (example) => {
    expect(parseEnv(envExample([variable(example)])).DB_PATH).toBe(example);
  });

  it('never lets a line break in a value start a line of its own (the NODE_OPTIONS injection)', () => {
    const text = envExample([variable('./db.sqlite\nNODE_OPTIONS=--require /tmp/evil.js')]);
    expect(text).not.toMatch(/^NODE_OPTIONS/m);
    expect(parseEnv(text)).toEqual({ DB_PATH: '' });
  });
});

describe('README', () => {
  const spec = specFrom(
    JSON.stringify({
      name: 'demo',
      version: '1.0.0',
      tools: [{ name: 't', implementation: { type: 'handler' } }],
      triggers: [{ type: 'cron', tool: 't', schedule: '@daily' }],
    }),
  );
  const readme = plan(spec, TEMPLATES).files.find((f) => f.path === 'README.md')?.content ?? '';

  it('says the server starts its triggers (it does: templates/server/triggers)', () => {
    expect(readme).toMatch(/started by the server itself/);
    expect(readme).not.toMatch(/does not start triggers/);
  });
});
