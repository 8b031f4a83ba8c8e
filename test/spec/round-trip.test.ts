/**
 * A normalized spec is itself a valid spec: the generator writes it into each project as mcp.spec.yaml,
 * and parsing it again must give the same spec with no new warnings.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseSpec } from '../../src/spec/index.js';

const EXAMPLES = ['inventory.yaml', 'notes.yaml', 'github.yaml'];

const QUEUES = `name: q
version: 1.0.0
http: { port: 3000 }
connections:
  - { name: r, type: redis, envVar: REDIS_URL }
  - { name: mq, type: rabbitmq, envVar: AMQP_URL }
tools:
  - name: t
    parameters: { id: { type: string } }
triggers:
  - { type: queue, kind: redis-list, connection: r, queue: jobs, tool: t }
  - { type: queue, kind: rabbitmq, connection: mq, queue: work, tool: t }
  - { type: queue, kind: redis-stream, connection: r, queue: events, tool: t }
`;

describe('normalized specs parse to themselves', () => {
  it.each(EXAMPLES)('%s', async (name) => {
    const first = parseSpec(await readFile(new URL(`../../examples/${name}`, import.meta.url), 'utf8'));
    expect(first.errors).toEqual([]);
    for (const text of [stringify(first.spec), JSON.stringify(first.spec)]) {
      const second = parseSpec(text);
      expect(second.errors).toEqual([]);
      expect(second.warnings).toEqual([]);
      expect(second.spec).toEqual(first.spec);
    }
  });

  it('queue triggers and a default http block', () => {
    const first = parseSpec(QUEUES);
    expect([...first.errors, ...first.warnings]).toEqual([]);
    const second = parseSpec(stringify(first.spec));
    expect([...second.errors, ...second.warnings]).toEqual([]);
    expect(second.spec).toEqual(first.spec);
  });
});
