/**
 * When cron ticks come from. The default is croner (the library the factory's spec rules validate
 * schedules with); tests inject a manual scheduler that fires ticks from a fake clock, using croner only
 * to compute the next time, so they run in milliseconds and can make a run outlast the next tick.
 */
import { Cron } from 'croner';

export interface ScheduledJob {
  stop(): void;
}

/** Calls `onTick(scheduledAt)` at every time the schedule matches, in the timezone. */
export interface Scheduler {
  schedule(pattern: string, timezone: string, onTick: (scheduledAt: Date) => void): ScheduledJob;
}

export const cronerScheduler: Scheduler = {
  schedule(pattern, timezone, onTick) {
    // Overlap is decided by the trigger (it counts and logs skipped ticks), so croner never blocks a tick.
    const job = new Cron(pattern, { timezone, unref: true }, (self) => {
      onTick(self.currentRun() ?? new Date());
    });
    return { stop: () => job.stop() };
  },
};

/** The next time after `from` that the schedule matches (null: never again). Throws on a bad pattern. */
export function nextTime(pattern: string, timezone: string, from: Date): Date | null {
  const job = new Cron(pattern, { timezone, paused: true });
  try {
    return job.nextRun(from);
  } finally {
    job.stop();
  }
}
