/**
 * Cron trigger: runs the tool on a schedule (croner, with timezone). Unless `overlap` is set, a tick that
 * comes while the previous run is still going is skipped (logged and counted), so a slow tool never piles
 * up runs. Event = { scheduledAt, firedAt } (ISO strings).
 */
import {
  type CronEvent,
  type CronTriggerConfig,
  TriggerConfigError,
  type TriggerFactory,
} from '../contract.js';
import { once } from '../run.js';
import { cronerScheduler, type ScheduledJob } from './scheduler.js';

export const start: TriggerFactory<CronTriggerConfig> = async (config, context) => {
  const scheduler = context.runtime.scheduler ?? (await cronerScheduler());
  let running = 0;
  const onTick = (scheduledAt: Date) => {
    if (running > 0 && !config.overlap) {
      context.log.warn('cron tick skipped: the previous run is still going', {
        scheduledAt: scheduledAt.toISOString(),
      });
      context.skipped();
      return;
    }
    const event: CronEvent = { scheduledAt: scheduledAt.toISOString(), firedAt: new Date().toISOString() };
    running++;
    void context.run(event).finally(() => running--);
  };
  let job: ScheduledJob;
  try {
    job = scheduler.schedule(config.schedule, config.timezone, onTick);
  } catch (error) {
    throw new TriggerConfigError(`invalid cron schedule "${config.schedule}": ${(error as Error).message}`);
  }
  context.log.info('cron trigger scheduled', { schedule: config.schedule, timezone: config.timezone });
  return {
    id: context.id,
    stop: once(async () => {
      job.stop();
      await context.drain();
    }),
  };
};
