/** English → cron: each phrase of the table, checked to be a cron croner (the runtime's library) accepts. */
import { Cron } from 'croner';
import { describe, expect, it } from 'vitest';
import { findSchedules } from '../../../src/intake/prompt/offline/schedule.js';

const CASES: readonly (readonly [phrase: string, cron: string, timezone: string | undefined])[] = [
  ['every weekday at 9am', '0 9 * * 1-5', undefined],
  ['weekdays at 17:45', '45 17 * * 1-5', undefined],
  ['every monday at 8:30 pm', '30 20 * * 1', undefined],
  ['every 15 minutes', '*/15 * * * *', undefined],
  ['every 6 hours', '0 */6 * * *', undefined],
  ['hourly', '0 * * * *', undefined],
  ['every day at 12am', '0 0 * * *', undefined],
  ['daily at 7', '0 7 * * *', undefined],
  ['every morning', '0 8 * * *', undefined],
  ['nightly', '0 2 * * *', undefined],
  ['every night at 11pm', '0 23 * * *', undefined],
  ['weekly', '0 0 * * 1', undefined],
  ['monthly', '0 0 1 * *', undefined],
  ['every 23 hours', '0 */23 * * *', undefined],
  ['every weekday at 9am America/New_York', '0 9 * * 1-5', 'America/New_York'],
];

describe('findSchedules', () => {
  it.each(CASES)('%s → %s', (phrase, cron, timezone) => {
    const [found] = findSchedules(`run the report ${phrase}, please`);
    expect(found?.cron).toBe(cron);
    expect(found?.timezone).toBe(timezone);
    expect(() => new Cron(cron, { paused: true })).not.toThrow();
  });

  it('reads nothing from a time that does not exist, or from no schedule at all', () => {
    expect(findSchedules('every day at 25pm')).toEqual([]);
    expect(findSchedules('every 99 hours')).toEqual([]);
    expect(findSchedules('every 0 minutes')).toEqual([]);
    expect(findSchedules('a server with tools a and b')).toEqual([]);
  });
});
