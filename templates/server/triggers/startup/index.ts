/**
 * Startup trigger: runs the tool once, right after the server started (startTriggers runs after the
 * transport is up). Event = { startedAt }. Retries follow the trigger's policy like any other run.
 */
import type { StartupEvent, StartupTriggerConfig, TriggerFactory } from '../contract.js';
import { once } from '../run.js';

export const start: TriggerFactory<StartupTriggerConfig> = async (_config, context) => {
  const event: StartupEvent = { startedAt: new Date().toISOString() };
  // Not awaited: a slow start-up job must not hold up the other triggers.
  void context.run(event);
  return { id: context.id, stop: once(() => context.drain()) };
};
