/**
 * The offline reader against the development set: each prompt is scored fully right only when its tools,
 * connections, auth, transport, triggers and page size all match. The score must stay at 90% or above;
 * every drafted spec must validate (or the prompt be refused), none may crash the parser.
 */
import { describe, expect, it } from 'vitest';
import { draft, type PromptDraft } from '../../../src/intake/prompt/index.js';
import { DEV_SET, type DevCase } from './dev-set.js';

const UNSUPPORTED = /^(\w+): the spec has no \w+ connection type yet/;

function observed(result: PromptDraft): Omit<DevCase, 'prompt'> {
  const spec = result.parsed.spec;
  if (!spec) throw new Error(`draft did not validate: ${JSON.stringify(result.parsed.errors)}`);
  const pageSizes = spec.tools.flatMap((t) => (t.pagination ? [t.pagination.pageSize] : []));
  return {
    tools: spec.tools.map((t) => t.name),
    connections: [
      ...spec.connections.map((c) => c.type),
      ...result.warnings.flatMap((w) => UNSUPPORTED.exec(w)?.[1] ?? []),
    ],
    auth: spec.auth.type,
    transport: spec.transport,
    triggers: spec.triggers.map((t) => (t.type === 'cron' ? `cron ${t.schedule}` : t.type)),
    ...(pageSizes[0] === undefined ? {} : { pageSize: pageSizes[0] }),
  };
}

function expected({ prompt: _prompt, ...want }: DevCase): Omit<DevCase, 'prompt'> {
  return want;
}

describe('offline reader, development set', () => {
  const results = new Map<string, boolean>();

  it.each(DEV_SET.map((c) => [c.prompt, c] as const))('%s', async (_prompt, devCase) => {
    const result = await draft(devCase.prompt, { provider: 'offline', env: {} });
    expect(result.parsed.errors).toEqual([]);
    const got = observed(result);
    const right = JSON.stringify(got) === JSON.stringify(expected(devCase));
    results.set(devCase.prompt, right);
    if (!right)
      console.log(
        `MISS ${devCase.prompt}\n  want ${JSON.stringify(expected(devCase))}\n  got  ${JSON.stringify(got)}`,
      );
  });

  it('gets at least 90% of the set fully right (and has at least 40 prompts)', () => {
    expect(DEV_SET.length).toBeGreaterThanOrEqual(40);
    const right = [...results.values()].filter(Boolean).length;
    console.log(
      `offline development set: ${right}/${DEV_SET.length} fully right (${((100 * right) / DEV_SET.length).toFixed(1)}%)`,
    );
    expect(right / DEV_SET.length).toBeGreaterThanOrEqual(0.9);
  });
});
