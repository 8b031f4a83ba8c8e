import { Cron } from 'croner';
import { afterEach, describe, expect, it } from 'vitest';
import type { CronTriggerConfig } from '../contract.js';
import { type RunningTriggers, startTriggers } from '../index.js';
import { recordingTool, testRuntime } from '../testing/recording-tool.js';
import type { Scheduler } from './scheduler.js';

/** The next time after `from` that the schedule matches (null: never again), as croner computes it. */
function nextTime(pattern: string, timezone: string, from: Date): Date | null {
  const job = new Cron(pattern, { timezone, paused: true });
  try {
    return job.nextRun(from);
  } finally {
    job.stop();
  }
}

/** A scheduler driven by a fake clock: croner computes each next time, `advance` fires what is due. */
class ManualScheduler implements Scheduler {
  readonly #jobs: { pattern: string; timezone: string; onTick: (at: Date) => void; next: Date | null }[] = [];
  constructor(public now: Date) {}

  schedule(pattern: string, timezone: string, onTick: (at: Date) => void) {
    const job = { pattern, timezone, onTick, next: nextTime(pattern, timezone, this.now) };
    this.#jobs.push(job);
    return { stop: () => this.#jobs.splice(this.#jobs.indexOf(job), 1) };
  }

  advance(ms: number): void {
    const until = new Date(this.now.getTime() + ms);
    for (;;) {
      const due = this.#jobs.filter((j) => j.next && j.next <= until).sort((a, b) => +a.next! - +b.next!)[0];
      if (!due?.next) break;
      this.now = due.next;
      due.next = nextTime(due.pattern, due.timezone, due.next);
      due.onTick(this.now);
    }
    this.now = until;
  }
}

const cron = (patch: Partial<CronTriggerConfig> = {}): CronTriggerConfig => ({
  type: 'cron',
  tool: 'report',
  schedule: '0 9 * * *',
  timezone: 'Europe/Paris',
  overlap: false,
  arguments: { at: { from: 'scheduledAt' } },
  retry: { attempts: 1, backoffMs: 0 },
  ...patch,
});

let started: RunningTriggers | undefined;
afterEach(async () => {
  await started?.stop();
  started = undefined;
});

describe('cron trigger (manual clock)', () => {
  it('fires at the schedule in its timezone with { scheduledAt, firedAt }', async () => {
    const tool = recordingTool();
    const scheduler = new ManualScheduler(new Date('2026-01-15T07:00:00Z'));
    const { runtime } = testRuntime(tool, { scheduler });
    started = await startTriggers(
      [cron({ arguments: { at: { from: 'scheduledAt' }, fired: { from: 'firedAt' } } })],
      runtime,
    );
    scheduler.advance(59 * 60_000); // 08:59 in Paris: not yet
    expect(tool.calls).toHaveLength(0);
    scheduler.advance(60_000);
    await tool.waitForCalls(1);
    await new Promise((r) => setTimeout(r, 10)); // let the first run finish (overlap is off)
    scheduler.advance(24 * 60 * 60_000);
    await tool.waitForCalls(2);
    // 09:00 in Paris is 08:00 UTC in winter.
    expect(tool.calls.map((c) => c.at)).toEqual(['2026-01-15T08:00:00.000Z', '2026-01-16T08:00:00.000Z']);
    expect(typeof tool.calls[0]?.fired).toBe('string');
  });

  it('skips a tick while the previous run is still going (overlap: false), and counts it', async () => {
    const releases: Array<() => void> = [];
    const tool = recordingTool(() => new Promise((resolve) => releases.push(() => resolve({ content: [] }))));
    const scheduler = new ManualScheduler(new Date('2026-03-01T00:00:00Z'));
    const { runtime, logs } = testRuntime(tool, { scheduler });
    started = await startTriggers([cron({ schedule: '* * * * *', timezone: 'UTC' })], runtime);
    scheduler.advance(60_000);
    await tool.waitForCalls(1);
    scheduler.advance(60_000); // the first run is still going
    scheduler.advance(60_000);
    expect(tool.calls).toHaveLength(1);
    releases.shift()?.();
    await new Promise((r) => setTimeout(r, 10));
    scheduler.advance(60_000);
    await tool.waitForCalls(2);
    releases.shift()?.();
    const id = 'triggers[0] cron * * * * * → report';
    expect(started.snapshot()[id]).toMatchObject({ skipped: 2 });
    expect(logs.filter((l) => l.msg === 'cron tick skipped: the previous run is still going')).toHaveLength(
      2,
    );
  });

  it('starts overlapping runs when overlap is true', async () => {
    const releases: Array<() => void> = [];
    const tool = recordingTool(() => new Promise((resolve) => releases.push(() => resolve({ content: [] }))));
    const scheduler = new ManualScheduler(new Date('2026-03-01T00:00:00Z'));
    const { runtime } = testRuntime(tool, { scheduler });
    started = await startTriggers([cron({ schedule: '* * * * *', timezone: 'UTC', overlap: true })], runtime);
    scheduler.advance(3 * 60_000);
    await tool.waitForCalls(3);
    for (const release of releases) release();
  });

  it('fires nothing after stop', async () => {
    const tool = recordingTool();
    const scheduler = new ManualScheduler(new Date('2026-03-01T00:00:00Z'));
    const { runtime } = testRuntime(tool, { scheduler });
    const triggers = await startTriggers([cron({ schedule: '* * * * *', timezone: 'UTC' })], runtime);
    scheduler.advance(60_000);
    await tool.waitForCalls(1);
    await triggers.stop();
    scheduler.advance(10 * 60_000);
    expect(tool.calls).toHaveLength(1);
  });

  it('reports a schedule croner rejects as a trigger that did not start', async () => {
    const { runtime } = testRuntime(recordingTool());
    started = await startTriggers([cron({ schedule: '61 * * * *' })], runtime);
    expect(started.running).toHaveLength(0);
    expect(started.failed[0]?.error).toMatch(/^invalid cron schedule "61 \* \* \* \*"/);
  });
});

describe('cron trigger (real croner)', () => {
  it('runs every second with a 6-field schedule, on whole seconds, and stops', async () => {
    const tool = recordingTool();
    const { runtime } = testRuntime(tool);
    const triggers = await startTriggers([cron({ schedule: '* * * * * *', timezone: 'UTC' })], runtime);
    await new Promise((r) => setTimeout(r, 2_300));
    await triggers.stop();
    const count = tool.calls.length;
    expect(count).toBeGreaterThanOrEqual(2);
    expect(count).toBeLessThanOrEqual(3);
    for (const call of tool.calls) expect(call.at).toMatch(/T\d\d:\d\d:\d\d\.000Z$/);
    await new Promise((r) => setTimeout(r, 1_200));
    expect(tool.calls).toHaveLength(count);
  });
});
