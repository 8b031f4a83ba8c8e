/**
 * The generator emits the normalized spec's triggers as `TriggerConfig[]` data, unchanged: this file
 * fails to type-check (npm test runs tsc) when the two shapes drift apart, and the runtime test below
 * runs real parsed specs through the registry.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { parseSpec } from '../../../src/spec/index.js';
import type { TriggerSpec } from '../../../src/spec/types.js';
import type { TriggerConfig } from './contract.js';
import { TRIGGERS, triggerId } from './index.js';

describe('normalized spec triggers are trigger configs', () => {
  it('type-checks one as the other', () => {
    expectTypeOf<TriggerSpec>().toExtend<TriggerConfig>();
  });

  it('has a factory for every trigger type of the spec, and parsed triggers name themselves', () => {
    const yaml = `
name: shop
version: 1.0.0
connections:
  - { name: jobs, type: redis, envVar: REDIS_URL }
tools:
  - name: record
    parameters: { sku: { type: string } }
    implementation: { type: handler }
triggers:
  - { type: webhook, path: /orders, tool: record, arguments: { sku: { from: body.sku } } }
  - { type: cron, schedule: "0 * * * *", tool: record }
  - { type: queue, kind: redis-stream, connection: jobs, queue: orders, tool: record }
`;
    const parsed = parseSpec(yaml);
    expect(parsed.errors).toEqual([]);
    const triggers: readonly TriggerConfig[] = parsed.spec?.triggers ?? [];
    expect(triggers.map((t, i) => triggerId(i, t))).toEqual([
      'triggers[0] webhook /orders → record',
      'triggers[1] cron 0 * * * * → record',
      'triggers[2] queue orders → record',
    ]);
    expect(triggers.every((t) => typeof TRIGGERS[t.type] === 'function')).toBe(true);
    expect(triggers[2]).toMatchObject({
      group: 'shop',
      deadLetter: 'orders.dead',
      retry: { attempts: 3, backoffMs: 1000 },
    });
  });
});
