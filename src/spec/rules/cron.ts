/** Cron schedules and timezones are checked with croner, the library the generated server runs them with. */
import { Cron } from 'croner';
import { findings, type SpecRule } from './rule.js';

/** croner's message without its class prefix, e.g. "Invalid value for minute: 61". */
function cronProblem(schedule: string): string | undefined {
  try {
    new Cron(schedule, { paused: true }).stop();
    return undefined;
  } catch (error) {
    return (error as Error).message.replace(/^Cron\w*:\s*/, '');
  }
}

export function isValidTimezone(timezone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

function neverFires(schedule: string, timezone: string): boolean {
  const job = new Cron(schedule, { paused: true, timezone });
  const next = job.nextRun();
  job.stop();
  return next === null;
}

export const cronSchedule: SpecRule = {
  name: 'cron-schedule',
  check({ spec }) {
    const report = findings('cron-schedule');
    spec.triggers.forEach((trigger, index) => {
      if (trigger.type !== 'cron') return;
      const problem = cronProblem(trigger.schedule);
      const timezoneOk = isValidTimezone(trigger.timezone);
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
      if (!problem && timezoneOk && neverFires(trigger.schedule, trigger.timezone)) {
        report.warning(
          ['triggers', index, 'schedule'],
          `cron schedule ${JSON.stringify(trigger.schedule)} never fires`,
        );
      }
    });
    return report.list;
  },
};
