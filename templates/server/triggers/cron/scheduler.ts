/**
 * When cron ticks come from. The default is croner (the library the factory's spec rules validate
 * schedules with); tests inject a manual scheduler driven by a fake clock, so they run in milliseconds and
 * can make a run outlast the next tick.
 */

export interface ScheduledJob {
  stop(): void;
}

/** Calls `onTick(scheduledAt)` at every time the schedule matches, in the timezone. Throws on a bad pattern. */
export interface Scheduler {
  schedule(pattern: string, timezone: string, onTick: (scheduledAt: Date) => void): ScheduledJob;
}

/** croner, loaded on first use: a server without a cron trigger never loads (or needs) it. */
export async function cronerScheduler(): Promise<Scheduler> {
  const { Cron } = await import('croner');
  return {
    schedule(pattern, timezone, onTick) {
      // Overlap is decided by the trigger (it counts and logs skipped ticks), so croner never blocks a tick.
      const job = new Cron(pattern, { timezone, unref: true }, (self) => {
        onTick(self.currentRun() ?? new Date());
      });
      return { stop: () => job.stop() };
    },
  };
}
