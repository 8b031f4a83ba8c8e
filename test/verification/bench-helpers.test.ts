/**
 * The measuring helpers behind bench/startup.bench.ts and bench/throughput.bench.ts: the statistics are
 * right, sides really alternate, and the probes fail loudly on a wrong answer instead of timing it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCall, httpCallsPerSecond, postCall, stdioStartupMs } from './lib/bench-probes.js';
import { type RunningHttpServer, startHttpServer } from './lib/http-server.js';
import { interleave, median, meetsTarget } from './lib/interleave.js';
import { baselineServer } from './lib/server-under-test.js';

describe('median', () => {
  it.each([
    { values: [3, 1, 2], want: 2 },
    { values: [4, 1, 3, 2], want: 2.5 },
    { values: [7], want: 7 },
  ])('of $values is $want', ({ values, want }) => {
    expect(median(values)).toBe(want);
  });
});

describe('interleave', () => {
  it('alternates which side goes first and compares medians', async () => {
    const order: string[] = [];
    const side = (name: string, value: number) => ({
      name,
      sample: async () => {
        order.push(name);
        return value;
      },
    });
    const result = await interleave(side('s', 12), side('b', 10), { iterations: 4, warmup: 0 });
    expect(order.join('')).toBe('sbbssbbs');
    expect(result.ratio).toBeCloseTo(1.2);
    expect(meetsTarget(result, { kind: 'max', value: 1.2 })).toBe(true);
    expect(meetsTarget(result, { kind: 'min', value: 1.25 })).toBe(false);
  });
});

describe('probes against the baseline server', () => {
  const server = baselineServer();
  let running: RunningHttpServer;
  beforeAll(async () => {
    running = await startHttpServer(server);
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('time a cold start and refuse a server that lacks a tool', async () => {
    expect(await stdioStartupMs(server.stdio(), server.tools)).toBeGreaterThan(0);
    await expect(stdioStartupMs(server.stdio(), ['add', 'missing_tool'])).rejects.toThrow(/missing_tool/);
  });

  it.each(['legacy', 'modern'] as const)('count %s-era calls and refuse a wrong answer', async (era) => {
    expect(
      await httpCallsPerSecond(running.url, server.sampleCall, { calls: 10, concurrency: 2, era }),
    ).toBeGreaterThan(0);
    const wrong = { ...server.sampleCall, expected: { sum: 6 } };
    await expect(postCall(running.url, buildCall(wrong, era), wrong)).rejects.toThrow(
      /tools\/call add failed/,
    );
  });
});
