/**
 * A string that matches a simple regular expression: literals, escapes (\d \w \s \. …), character classes
 * ([A-Z0-9_-]), groups without alternation, and the quantifiers ? * + {n} {n,m}. Anything more complex
 * (alternation, lookaround, backreferences) returns undefined; the caller verifies the result anyway.
 */
const ESCAPES: Record<string, string> = { d: '1', w: 'a', s: ' ', D: 'a', W: '-', S: 'a' };

interface Parsed {
  readonly text: string;
  readonly next: number;
}

export function sampleForPattern(pattern: string, minLength: number, maxLength: number): string | undefined {
  const source = pattern.replace(/^\^/, '').replace(/(?<!\\)\$$/, '');
  const parsed = sequence(source, 0);
  if (parsed === undefined || parsed.next !== source.length) return undefined;
  const length = parsed.text.length;
  return length >= minLength && length <= maxLength ? parsed.text : undefined;
}

/** A run of atoms with quantifiers, up to `)` or the end. */
function sequence(source: string, start: number): Parsed | undefined {
  let text = '';
  let i = start;
  while (i < source.length && source[i] !== ')') {
    const unit = atom(source, i);
    if (unit === undefined) return undefined;
    const quantified = quantifier(source, unit.next);
    if (quantified === undefined) return undefined;
    text += unit.text.repeat(quantified.count);
    i = quantified.next;
  }
  return { text, next: i };
}

function atom(source: string, i: number): Parsed | undefined {
  const c = source[i];
  if (c === undefined || c === '|' || c === '^' || c === '$') return undefined;
  if (c === '\\') {
    const e = source[i + 1];
    if (e === undefined || /[bBkpPu0-9]/.test(e)) return undefined;
    return { text: ESCAPES[e] ?? e, next: i + 2 };
  }
  if (c === '[') return charClass(source, i);
  if (c === '(') {
    if (source[i + 1] === '?') {
      if (source[i + 2] !== ':') return undefined;
      i += 2;
    }
    const inner = sequence(source, i + 1);
    if (inner === undefined || source[inner.next] !== ')') return undefined;
    return { text: inner.text, next: inner.next + 1 };
  }
  if (c === '.') return { text: 'a', next: i + 1 };
  if ('*+?{}'.includes(c)) return undefined;
  return { text: c, next: i + 1 };
}

/** The first character a class allows (negated classes are skipped: too easy to get wrong). */
function charClass(source: string, i: number): Parsed | undefined {
  const end = source.indexOf(']', i + 2);
  if (end === -1 || source[i + 1] === '^') return undefined;
  const body = source.slice(i + 1, end);
  const first = body[0] === '\\' ? (ESCAPES[body[1] ?? ''] ?? body[1]) : body[0];
  return first === undefined ? undefined : { text: first, next: end + 1 };
}

function quantifier(source: string, i: number): { count: number; next: number } | undefined {
  const c = source[i];
  // One repetition satisfies ?, * and + alike.
  if (c === '?' || c === '*' || c === '+') return { count: 1, next: lazy(source, i + 1) };
  if (c !== '{') return { count: 1, next: i };
  const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
  if (!match) return undefined;
  const least = Number(match[1]);
  // {0,m} and {0,} allow one repetition too; {0} allows none.
  const count = least === 0 && match[2] !== undefined ? 1 : least;
  return { count, next: lazy(source, i + match[0].length) };
}

function lazy(source: string, i: number): number {
  return source[i] === '?' ? i + 1 : i;
}
