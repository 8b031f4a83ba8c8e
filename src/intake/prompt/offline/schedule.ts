/**
 * English schedules → cron, from a small table of phrases (tested one by one) rather than a date parser:
 * chrono-node reads dates, not recurrences, and @breejs/later's text grammar wants its own word order
 * ("at 9:00 am every weekday"), so neither reads what people write in a prompt.
 */
export interface Schedule {
  readonly cron: string;
  /** The words it was read from, for the `# inferred` comment. */
  readonly phrase: string;
  /** Where in the prompt the phrase starts (to find the tool the schedule belongs to). */
  readonly index: number;
  readonly timezone: string | undefined;
}

const TIME = String.raw`(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?`;
const DAYS: Readonly<Record<string, string>> = {
  sunday: '0',
  monday: '1',
  tuesday: '2',
  wednesday: '3',
  thursday: '4',
  friday: '5',
  saturday: '6',
};

type Rule = readonly [RegExp, (match: RegExpMatchArray) => string | undefined];

const RULES: readonly Rule[] = [
  [new RegExp(String.raw`\bevery\s+weekday(?:s)?(?:\s+${TIME})?`, 'i'), (m) => at(m, 1, '1-5')],
  [new RegExp(String.raw`\b(?:on\s+)?weekdays\s+${TIME}`, 'i'), (m) => at(m, 1, '1-5')],
  [
    new RegExp(
      String.raw`\bevery\s+(sunday|monday|tuesday|wednesday|thursday|friday|saturday)(?:\s+${TIME})?`,
      'i',
    ),
    (m) => at(m, 2, DAYS[(m[1] ?? '').toLowerCase()] ?? '*'),
  ],
  [/\bevery\s+(\d{1,2})\s+minutes?\b/i, (m) => step(m[1], 59, (n) => `*/${n} * * * *`)],
  [/\bevery\s+(\d{1,2})\s+hours?\b/i, (m) => step(m[1], 23, (n) => `0 */${n} * * *`)],
  [/\bevery\s+(?:minute)\b/i, () => '* * * * *'],
  [/\b(?:every\s+hour|hourly)\b/i, () => '0 * * * *'],
  [new RegExp(String.raw`\b(?:every\s+day|daily|each\s+day)(?:\s+${TIME})?`, 'i'), (m) => at(m, 1, '*')],
  [new RegExp(String.raw`\bevery\s+morning(?:\s+${TIME})?`, 'i'), (m) => at(m, 1, '*', 8)],
  [new RegExp(String.raw`\b(?:nightly|every\s+night)(?:\s+${TIME})?`, 'i'), (m) => at(m, 1, '*', 2)],
  [/\b(?:weekly|every\s+week)\b/i, () => '0 0 * * 1'],
  [/\b(?:monthly|every\s+month)\b/i, () => '0 0 1 * *'],
];

/** "every N minutes/hours": only steps cron can express (1–59 minutes, 1–23 hours). */
function step(text: string | undefined, max: number, cron: (n: number) => string): string | undefined {
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 && n <= max ? cron(n) : undefined;
}

/** "at 9am" → minute and hour; `fallbackHour` when no time is given (nightly → 02:00). */
function at(match: RegExpMatchArray, first: number, days: string, fallbackHour = 0): string | undefined {
  const hourText = match[first];
  if (hourText === undefined) return `0 ${fallbackHour} * * ${days}`;
  let hour = Number(hourText);
  const minute = Number(match[first + 1] ?? '0');
  const half = (match[first + 2] ?? '').replace(/\./g, '').toLowerCase();
  if (half === 'pm' && hour < 12) hour += 12;
  if (half === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) return undefined;
  return `${minute} ${hour} * * ${days}`;
}

const TIMEZONE = /\b(UTC|GMT|[A-Z][a-z]+\/[A-Z][A-Za-z_]+(?:\/[A-Z][A-Za-z_]+)?)\b/;

export function findSchedules(text: string): Schedule[] {
  const found: Schedule[] = [];
  const timezone = text.match(TIMEZONE)?.[1];
  let rest = text;
  for (const [pattern, toCron] of RULES) {
    const match = rest.match(pattern);
    if (!match || match.index === undefined) continue;
    const cron = toCron(match);
    if (cron === undefined) continue;
    found.push({ cron, phrase: match[0].trim(), index: match.index, timezone });
    // Blank the phrase out so "every weekday at 9am" is not read again as "… at 9am" by a later rule.
    rest =
      rest.slice(0, match.index) + ' '.repeat(match[0].length) + rest.slice(match.index + match[0].length);
  }
  return found.sort((a, b) => a.index - b.index);
}
