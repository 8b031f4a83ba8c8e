import { describe, expect, it } from 'vitest';
import { usageDeltas } from '../../src/services/collect-usage.js';

type Counters = Record<string, { calls: number; errors: number; totalMs: number }>;
const counters = (calls: number, errors: number, totalMs: number) => ({ calls, errors, totalMs });

describe('usageDeltas', () => {
  it.each([
    {
      given: 'first poll',
      before: {},
      now: { a: counters(3, 1, 30) },
      want: [{ tool: 'a', calls: 3, errors: 1, latencyMs: 30 }],
    },
    {
      given: 'only what changed',
      before: { a: counters(3, 1, 30), b: counters(1, 0, 5) },
      now: { a: counters(5, 1, 50), b: counters(1, 0, 5) },
      want: [{ tool: 'a', calls: 2, errors: 0, latencyMs: 20 }],
    },
    { given: 'nothing new', before: { a: counters(3, 1, 30) }, now: { a: counters(3, 1, 30) }, want: [] },
    {
      given: 'a tool seen for the first time',
      before: { a: counters(1, 0, 1) },
      now: { a: counters(1, 0, 1), b: counters(2, 2, 8) },
      want: [{ tool: 'b', calls: 2, errors: 2, latencyMs: 8 }],
    },
  ] as { given: string; before: Counters; now: Counters; want: unknown[] }[])(
    '$given',
    ({ before, now, want }) => {
      expect(usageDeltas(before, now)).toEqual(want);
    },
  );
});
