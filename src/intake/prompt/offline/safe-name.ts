/**
 * Words from a prompt become names only through here: snake_case, letters/digits/underscores, never a
 * JavaScript object internal. A name that cannot be made safe is refused with a reason, not guessed.
 */
import { FORBIDDEN_KEYS, isSafeName } from '../../../spec/names.js';

const FILLER = new Set(['the', 'a', 'an', 'our', 'my', 'their', 'its', 'all', 'some', 'any', 'one']);
const MAX_WORDS = 5;

export type NameResult = { readonly name: string } | { readonly refused: string };

/** `getStockLevel`, `get-stock-level`, `get the stock level` → `get_stock_level`. */
export function toSnakeName(raw: string): NameResult {
  const bare = raw.trim().replace(/^["'`]+|["'`]+$/g, '');
  if (FORBIDDEN_KEYS.has(bare) || FORBIDDEN_KEYS.has(bare.replace(/^_+|_+$/g, ''))) {
    return { refused: `${JSON.stringify(bare)} names a JavaScript object internal` };
  }
  const all = bare
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  const words = all.length > 1 ? all.filter((word) => !FILLER.has(word)) : all;
  if (words.length === 0) return { refused: `${JSON.stringify(bare)} has no letters or digits` };
  if (words.length > MAX_WORDS) return { refused: `${JSON.stringify(bare)} is a phrase, not a name` };
  const name = words.join('_').replace(/^(\d)/, 't_$1');
  if (!isSafeName('tool', name) || !isSafeName('parameter', name) || FORBIDDEN_KEYS.has(name)) {
    return { refused: `${JSON.stringify(bare)} does not make a safe name` };
  }
  return { name };
}

/** A server name: lowercase words joined by "-". */
export function toServerName(words: string): string | undefined {
  const name = words
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 4)
    .join('-');
  return isSafeName('server', name) ? name : undefined;
}
