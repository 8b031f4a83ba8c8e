/**
 * Just enough SQL scanning for the rules and annotations: the first keyword of a statement and the `:name`
 * parameters it binds. The scanning itself is the runtime's (templates/server/lib/sql-params.ts): quoted
 * text ('…', "…", `…`, $tag$…$tag$) and comments are skipped; `::type` casts are not parameters.
 */
import { compileNamedSql, type SqlDialect, skipNonCode } from '../../templates/server/lib/sql-params.js';

export type { SqlDialect };

/** The first keyword, upper-cased, after leading comments, whitespace and parentheses. */
export function sqlFirstKeyword(statement: string): string {
  const stripped = statement.replace(/^(\s|\(|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)*/, '');
  return (/^[A-Za-z]+/.exec(stripped)?.[0] ?? '').toUpperCase();
}

/** The dialect of a connection type; PostgreSQL's rules when the connection is unknown. */
export function dialectOf(connectionType: string | undefined): SqlDialect {
  return connectionType === 'mysql' || connectionType === 'sqlite' ? connectionType : 'postgresql';
}

/**
 * The distinct `:name` parameters of a statement, in order of first use: exactly what the generated server
 * will bind, because it is the runtime's own scanner.
 */
export function sqlNamedParameters(statement: string, dialect: SqlDialect = 'postgresql'): string[] {
  return [...new Set(compileNamedSql(statement, dialect).names)];
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
