/** Cron schedules and timezones are checked with croner, the library the generated server runs them with. */
import { Cron } from 'croner';
import { findings, type SpecRule } from './rule.js';

/**
 * Builds the job the way the runtime will (paused: nothing runs); croner throws on a bad pattern. Without
 * the timezone: whether a pattern is valid or can ever fire does not depend on it (the timezone is checked on
 * its own), and croner's timezone arithmetic makes `nextRun` several times slower.
 */
function tryCron(schedule: string): { job?: Cron; problem?: string } {
  try {
    return { job: new Cron(schedule, { paused: true }) };
  } catch (error) {
    // croner's message without its class prefix, e.g. "Invalid value for minute: 61".
    return { problem: (error as Error).message.replace(/^Cron\w*:\s*/, '') };
  }
}

const timezones = new Map<string, boolean>();

export function isValidTimezone(timezone: string): boolean {
  let valid = timezones.get(timezone);
  if (valid === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: timezone });
      valid = true;
    } catch {
      valid = false;
    }
    timezones.set(timezone, valid);
  }
  return valid;
}

export const cronSchedule: SpecRule = {
  name: 'cron-schedule',
  check({ spec }) {
    const report = findings('cron-schedule');
    spec.triggers.forEach((trigger, index) => {
      if (trigger.type !== 'cron') return;
      const timezoneOk = isValidTimezone(trigger.timezone);
      const { job, problem } = tryCron(trigger.schedule);
      if (problem) {
        report.error(
          ['triggers', index, 'schedule'],
          `invalid cron schedule ${JSON.stringify(trigger.schedule)}: ${problem}`,
          'use 5 fields (minute hour day month weekday), 6 with seconds first, or @hourly, @daily, @weekly…',
        );
      }
      if (!timezoneOk) {
        report.error(
          ['triggers', index, 'timezone'],
          `unknown timezone ${JSON.stringify(trigger.timezone)}`,
          'use an IANA name such as UTC, Europe/Paris or America/New_York',
        );
      }
      if (job && job.nextRun() === null) {
        report.warning(
          ['triggers', index, 'schedule'],
          `cron schedule ${JSON.stringify(trigger.schedule)} never fires`,
        );
      }
      job?.stop();
    });
    return report.list;
  },
};
