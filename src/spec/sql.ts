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

/** The distinct `:name` parameters of a statement, in order of first use. */
export function sqlNamedParameters(statement: string): string[] {
  const names: string[] = [];
  let i = 0;
  while (i < statement.length) {
    const skip = skipQuotedOrComment(statement, i);
    if (skip > i) {
      i = skip;
      continue;
    }
    if (statement[i] === ':' && statement[i + 1] === ':') {
      i += 2;
      continue;
    }
    if (statement[i] === ':' && statement[i - 1] !== ':') {
      const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(statement.slice(i + 1))?.[0];
      if (name) {
        if (!names.includes(name)) names.push(name);
        i += name.length + 1;
        continue;
      }
    }
    i++;
  }
  return names;
}

/** The index just past a quoted string or comment starting at `i`, or `i` when there is none. */
function skipQuotedOrComment(text: string, i: number): number {
  const char = text[i];
  if (char === "'" || char === '"' || char === '`') return closingQuote(text, i, char);
  if (char === '-' && text[i + 1] === '-') return endOf(text, '\n', i + 2);
  if (char === '/' && text[i + 1] === '*') return endOf(text, '*/', i + 2);
  if (char === '$') {
    const tag = /^\$[A-Za-z_]*\$/.exec(text.slice(i))?.[0];
    if (tag) return endOf(text, tag, i + tag.length);
  }
  return i;
}

/** Quotes are escaped by doubling them (SQL) or with a backslash (MySQL). */
function closingQuote(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === quote && text[i + 1] === quote) i += 2;
    else if (text[i] === quote) return i + 1;
    else i++;
  }
  return text.length;
}

function endOf(text: string, terminator: string, from: number): number {
  const index = text.indexOf(terminator, from);
  return index === -1 ? text.length : index + terminator.length;
}
