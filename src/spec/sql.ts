/**
 * Just enough SQL scanning for the rules and annotations: the first keyword of a statement and the `:name`
 * parameters it binds. Quoted text ('…', "…", `…`, $tag$…$tag$) and comments are skipped; `::type` casts are
 * not parameters.
 */

/** The first keyword, upper-cased, after leading comments, whitespace and parentheses. */
export function sqlFirstKeyword(statement: string): string {
  const stripped = statement.replace(/^(\s|\(|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*/, '');
  return (/^[A-Za-z]+/.exec(stripped)?.[0] ?? '').toUpperCase();
}

export type SqlDialect = 'postgresql' | 'mysql' | 'sqlite';

/** The dialect of a connection type; PostgreSQL's rules when the connection is unknown. */
export function dialectOf(connectionType: string | undefined): SqlDialect {
  return connectionType === 'mysql' || connectionType === 'sqlite' ? connectionType : 'postgresql';
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

/**
 * The distinct `:name` parameters of a statement, in order of first use. Mirrors the runtime's scanner
 * (templates/server/lib/sql-params.ts; a test keeps the two in agreement) so the spec check and the
 * generated server see the same parameters.
 */
export function sqlNamedParameters(statement: string, dialect: SqlDialect = 'postgresql'): string[] {
  const names: string[] = [];
  let i = 0;
  while (i < statement.length) {
    const skipped = skipNonCode(statement, i, dialect);
    if (skipped > i) {
      i = skipped;
      continue;
    }
    if (statement[i] === ':' && statement[i + 1] === ':') {
      i += 2;
      continue;
    }
    if (
      statement[i] === ':' &&
      NAME_START.test(statement[i + 1] ?? '') &&
      !NAME_PART.test(statement[i - 1] ?? '')
    ) {
      let end = i + 1;
      while (end < statement.length && NAME_PART.test(statement[end] ?? '')) end++;
      const name = statement.slice(i + 1, end);
      if (!names.includes(name)) names.push(name);
      i = end;
      continue;
    }
    i++;
  }
  return names;
}

/** The statement with strings, quoted identifiers and comments blanked out: what is left is SQL code. */
export function sqlCode(statement: string, dialect: SqlDialect = 'postgresql'): string {
  let code = '';
  let i = 0;
  while (i < statement.length) {
    const skipped = skipNonCode(statement, i, dialect);
    if (skipped > i) {
      code += ' '.repeat(skipped - i);
      i = skipped;
    } else code += statement[i++];
  }
  return code;
}

/** The index just past a string, quoted identifier or comment starting at `i`, or `i` when there is none. */
function skipNonCode(sql: string, i: number, dialect: SqlDialect): number {
  const char = sql[i];
  const next = sql[i + 1];
  if (char === '-' && next === '-') return lineEnd(sql, i);
  if (char === '#' && dialect === 'mysql') return lineEnd(sql, i);
  if (char === '/' && next === '*') return endOf(sql, '*/', i + 2);
  if (char === "'") return closingQuote(sql, i, "'", backslashEscapes(sql, i, dialect));
  if (char === '"') return closingQuote(sql, i, '"', dialect === 'mysql');
  if (char === '`' && dialect !== 'postgresql') return closingQuote(sql, i, '`', false);
  if (char === '[' && dialect === 'sqlite') return endOf(sql, ']', i + 1);
  if (char === '$' && dialect === 'postgresql') {
    const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i, i + 66))?.[0];
    if (tag) return endOf(sql, tag, i + tag.length);
  }
  return i;
}

/** MySQL strings treat `\` as an escape; PostgreSQL only inside E'…' strings; SQLite never. */
function backslashEscapes(sql: string, i: number, dialect: SqlDialect): boolean {
  if (dialect === 'mysql') return true;
  if (dialect !== 'postgresql') return false;
  const prefix = sql[i - 1];
  return (prefix === 'E' || prefix === 'e') && !NAME_PART.test(sql[i - 2] ?? '');
}

/** A doubled quote is an escaped quote in every dialect. */
function closingQuote(sql: string, start: number, quote: string, backslash: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    if (backslash && sql[i] === '\\') i += 2;
    else if (sql[i] === quote && sql[i + 1] === quote) i += 2;
    else if (sql[i] === quote) return i + 1;
    else i++;
  }
  return sql.length;
}

function lineEnd(sql: string, i: number): number {
  const end = sql.indexOf('\n', i);
  return end < 0 ? sql.length : end;
}

/** Index just past `terminator` (searching from `from`), or the end of the text. */
function endOf(text: string, terminator: string, from: number): number {
  const index = text.indexOf(terminator, from);
  return index === -1 ? text.length : index + terminator.length;
}
