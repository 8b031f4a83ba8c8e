/**
 * Named parameters (`:name`) in spec SQL, rewritten to the driver's positional placeholders so values are
 * always bound by the driver and never pasted into the SQL text. The scanner skips everything that may
 * contain a colon without being a parameter: `::casts`, quoted strings and identifiers, comments, and
 * PostgreSQL dollar-quoted bodies.
 */
export type SqlDialect = 'postgresql' | 'mysql' | 'sqlite';

export interface CompiledSql {
  /** The statement with `$1…` (PostgreSQL) or `?` (MySQL, SQLite) in place of each `:name`. */
  readonly text: string;
  /** Parameter names in binding order (PostgreSQL: each name once; others: once per occurrence). */
  readonly names: readonly string[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

export function compileNamedSql(statement: string, dialect: SqlDialect): CompiledSql {
  const names: string[] = [];
  let out = '';
  let i = 0;
  while (i < statement.length) {
    const skipped = skipNonCode(statement, i, dialect);
    if (skipped > i) {
      out += statement.slice(i, skipped);
      i = skipped;
      continue;
    }
    const ch = statement[i];
    if (ch === ':' && statement[i + 1] === ':') {
      out += '::';
      i += 2;
      continue;
    }
    if (ch === ':' && NAME_START.test(statement[i + 1] ?? '') && !NAME_PART.test(statement[i - 1] ?? '')) {
      let end = i + 1;
      while (end < statement.length && NAME_PART.test(statement[end] ?? '')) end++;
      out += placeholder(statement.slice(i + 1, end), names, dialect);
      i = end;
      continue;
    }
    out += ch;
    i++;
  }
  return { text: out, names };
}

function placeholder(name: string, names: string[], dialect: SqlDialect): string {
  if (dialect !== 'postgresql') {
    names.push(name);
    return '?';
  }
  const existing = names.indexOf(name);
  if (existing >= 0) return `$${existing + 1}`;
  names.push(name);
  return `$${names.length}`;
}

/**
 * Returns the index after a string, quoted identifier or comment starting at `i`, or `i` if none does.
 * (The factory's spec checker uses this too, so both see the same parameters.)
 */
export function skipNonCode(sql: string, i: number, dialect: SqlDialect): number {
  const ch = sql[i];
  const next = sql[i + 1];
  if (ch === '-' && next === '-') return lineEnd(sql, i);
  if (ch === '#' && dialect === 'mysql') return lineEnd(sql, i);
  if (ch === '/' && next === '*') {
    const end = sql.indexOf('*/', i + 2);
    return end < 0 ? sql.length : end + 2;
  }
  if (ch === "'") return quotedEnd(sql, i, "'", backslashEscapes(sql, i, dialect));
  if (ch === '"') return quotedEnd(sql, i, '"', dialect === 'mysql');
  if (ch === '`' && dialect !== 'postgresql') return quotedEnd(sql, i, '`', false);
  if (ch === '[' && dialect === 'sqlite') {
    const end = sql.indexOf(']', i + 1);
    return end < 0 ? sql.length : end + 1;
  }
  if (ch === '$' && dialect === 'postgresql') return dollarQuotedEnd(sql, i);
  return i;
}

/** MySQL strings treat `\` as an escape; PostgreSQL only inside E'…' strings. */
function backslashEscapes(sql: string, i: number, dialect: SqlDialect): boolean {
  if (dialect === 'mysql') return true;
  if (dialect !== 'postgresql') return false;
  const prefix = sql[i - 1];
  return (prefix === 'E' || prefix === 'e') && !NAME_PART.test(sql[i - 2] ?? '');
}

function lineEnd(sql: string, i: number): number {
  const end = sql.indexOf('\n', i);
  return end < 0 ? sql.length : end;
}

/** End of a quoted run; a doubled quote is an escaped quote in every dialect. */
function quotedEnd(sql: string, start: number, quote: string, backslash: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const ch = sql[i];
    if (backslash && ch === '\\') {
      i += 2;
      continue;
    }
    if (ch === quote) {
      if (sql[i + 1] === quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}

/** `$tag$ … $tag$` (tag may be empty); `$1` style positional references are not quotes. */
function dollarQuotedEnd(sql: string, start: number): number {
  const match = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(start));
  if (!match) return start;
  const tag = match[0];
  const end = sql.indexOf(tag, start + tag.length);
  return end < 0 ? sql.length : end + tag.length;
}
