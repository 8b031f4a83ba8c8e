/** Suggest the closest known word for a misspelt one ("did you mean `tools`?"). */

/** Levenshtein distance, case-insensitive; small inputs only (keys and enum values). */
export function editDistance(a: string, b: string): number {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  let previous = Array.from({ length: right.length + 1 }, (_, i) => i);
  for (let i = 1; i <= left.length; i++) {
    const current = [i];
    for (let j = 1; j <= right.length; j++) {
      const cost = left[i - 1] === right[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[right.length]!;
}

/** Longer than any known key, name or enum value: such a word is no typo of one (and would cost length²). */
const MAX_WORD_LENGTH = 128;

/** The closest candidate within a distance that scales with the word's length, or undefined. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  if (word.length > MAX_WORD_LENGTH) return undefined;
  const limit = Math.max(1, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const lowered = candidate.toLowerCase();
    const target = word.toLowerCase();
    // A long enough prefix ("desc" for "description") is as good as one typo.
    const prefix = target.length >= 4 && lowered.startsWith(target);
    const distance = prefix ? 1 : editDistance(word, candidate);
    if (distance < bestDistance && distance <= limit) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Names other languages use for the JSON types, which no edit distance would match. */
const SYNONYMS: Readonly<Record<string, string>> = {
  int: 'integer',
  long: 'integer',
  str: 'string',
  text: 'string',
  bool: 'boolean',
  float: 'number',
  double: 'number',
  decimal: 'number',
  list: 'array',
  dict: 'object',
  map: 'object',
  hash: 'object',
  postgres: 'postgresql',
  pg: 'postgresql',
  mariadb: 'mysql',
  rest: 'http',
  sse: 'http',
  'streamable-http': 'http',
  streamablehttp: 'http',
};

export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  const synonym = SYNONYMS[word.toLowerCase()];
  const match = synonym !== undefined && list.includes(synonym) ? synonym : closest(word, list);
  return match === undefined ? undefined : `did you mean \`${match}\`?`;
}
