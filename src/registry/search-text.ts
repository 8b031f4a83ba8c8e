/**
 * Words for full-text search. Tool names are identifiers (get_stock_level, list-orders, getStockLevel);
 * SQLite's tokenizer would keep `getStockLevel` as one token, so names are split into words here, once,
 * when a tool is recorded, and queries go through the same function.
 */

/** "get_stock_level" / "getStockLevel" / "get-stock.level" → ["get", "stock", "level"]. */
export function identifierWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** The text stored in the index for a tool name: its words separated by spaces. */
export function nameSearchText(name: string): string {
  return identifierWords(name).join(' ');
}

/**
 * An FTS5 MATCH expression from free text: each word quoted (so FTS5 syntax in user input is inert) and
 * prefix-matched, joined by AND (`all`) or OR (`any`). Returns undefined when the text has no words.
 */
export function ftsQuery(text: string, mode: 'all' | 'any'): string | undefined {
  const words = identifierWords(text);
  if (words.length === 0) return undefined;
  return words.map((word) => `"${word}"*`).join(mode === 'all' ? ' AND ' : ' OR ');
}
