/**
 * Whatever the prompt, the offline door either drafts a spec the parser accepts or refuses with a
 * FactoryError; it never crashes and never lets an unsafe name through.
 */
import { describe, expect, it } from 'vitest';
import { FactoryError } from '../../../src/errors.js';
import { draft } from '../../../src/intake/prompt/index.js';

const HOSTILE = [
  'tools for "a\'b", `$(reboot)`, ../../etc/passwd and list_x',
  'tools: __proto__, prototype, toString, valueOf',
  'tools for hasOwnProperty and __defineGetter__',
  'tools a;b|c&d',
  'create a tool named "<script>alert(1)</script>"',
  'postgres postgres postgres mysql redis rabbitmq every 99 hours every 0 minutes tools x_y',
  `tools: ${'very_long_name_'.repeat(20)}`,
  'webhook from ../../ with tool get_x',
  'LISTEN on channel "; DROP TABLE x; --" with tool get_x on postgres',
  'when a file is added to /etc/*; rm -rf / call import_x',
  '\u0000\u202e tools: get_\u0301x',
  'a'.repeat(20_000),
];

function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

const WORDS = [
  'tools',
  'for',
  'get_x',
  'and',
  ',',
  'postgres',
  'every',
  '6',
  'hours',
  'webhook',
  '"',
  '`',
  ';',
  '__proto__',
  'api key',
  'docker',
  'paginated at',
  '0',
  'search',
  'customers',
  'LISTEN',
  'queue',
  'redis',
];

function randomPrompts(count: number): string[] {
  const next = seeded(42);
  return Array.from({ length: count }, () =>
    Array.from({ length: 3 + Math.floor(next() * 15) }, () => WORDS[Math.floor(next() * WORDS.length)]).join(
      ' ',
    ),
  );
}

describe('hostile and random prompts', () => {
  it.each([...HOSTILE, ...randomPrompts(150)].map((p) => [p.slice(0, 80), p]))(
    '%s',
    async (_label, prompt) => {
      const result = await draft(prompt, { provider: 'offline', env: {} }).catch((error: unknown) => error);
      if (result instanceof FactoryError) {
        expect(result.audience).toBe('user');
        return;
      }
      if (result instanceof Error) throw result;
      const { parsed } = result as Awaited<ReturnType<typeof draft>>;
      expect(parsed.errors.map((e) => `${e.path}: ${e.message}`)).toEqual([]);
      for (const tool of parsed.spec?.tools ?? []) expect(tool.name).toMatch(/^[a-z][a-z0-9_]*$/);
    },
  );
});
