import { describe, expect, it } from 'vitest';
import { compileNamedSql, type SqlDialect } from '../lib/sql-params.js';

interface Case {
  given: string;
  dialect: SqlDialect;
  text: string;
  names: string[];
}

const cases: Case[] = [
  {
    given: 'SELECT * FROM t WHERE id = :id',
    dialect: 'postgresql',
    text: 'SELECT * FROM t WHERE id = $1',
    names: ['id'],
  },
  {
    given: 'SELECT * FROM t WHERE id = :id',
    dialect: 'mysql',
    text: 'SELECT * FROM t WHERE id = ?',
    names: ['id'],
  },
  {
    given: 'SELECT * FROM t WHERE id = :id',
    dialect: 'sqlite',
    text: 'SELECT * FROM t WHERE id = ?',
    names: ['id'],
  },
  // A repeated name reuses its $n on PostgreSQL, and binds twice positionally elsewhere.
  { given: 'SELECT :a, :b, :a', dialect: 'postgresql', text: 'SELECT $1, $2, $1', names: ['a', 'b'] },
  { given: 'SELECT :a, :b, :a', dialect: 'mysql', text: 'SELECT ?, ?, ?', names: ['a', 'b', 'a'] },
  // Casts are not parameters.
  {
    given: 'SELECT :v::int, now()::date',
    dialect: 'postgresql',
    text: 'SELECT $1::int, now()::date',
    names: ['v'],
  },
  // Strings, identifiers and comments are skipped.
  {
    given: 'SELECT \':no\', "a:b", x FROM t WHERE y = :yes',
    dialect: 'postgresql',
    text: 'SELECT \':no\', "a:b", x FROM t WHERE y = $1',
    names: ['yes'],
  },
  { given: "SELECT 'it''s :no' , :yes", dialect: 'sqlite', text: "SELECT 'it''s :no' , ?", names: ['yes'] },
  { given: "SELECT 'a\\' :no', :yes", dialect: 'mysql', text: "SELECT 'a\\' :no', ?", names: ['yes'] },
  {
    given: "SELECT E'a\\' :no', :yes",
    dialect: 'postgresql',
    text: "SELECT E'a\\' :no', $1",
    names: ['yes'],
  },
  {
    given: 'SELECT `a:b` FROM t WHERE c = :c',
    dialect: 'mysql',
    text: 'SELECT `a:b` FROM t WHERE c = ?',
    names: ['c'],
  },
  {
    given: 'SELECT [a:b] FROM t WHERE c = :c',
    dialect: 'sqlite',
    text: 'SELECT [a:b] FROM t WHERE c = ?',
    names: ['c'],
  },
  { given: 'SELECT 1 -- :no\n, :yes', dialect: 'postgresql', text: 'SELECT 1 -- :no\n, $1', names: ['yes'] },
  { given: 'SELECT 1 # :no\n, :yes', dialect: 'mysql', text: 'SELECT 1 # :no\n, ?', names: ['yes'] },
  { given: 'SELECT /* :no */ :yes', dialect: 'sqlite', text: 'SELECT /* :no */ ?', names: ['yes'] },
  {
    given: 'SELECT $$ :no $$, $tag$ :no $tag$, :yes',
    dialect: 'postgresql',
    text: 'SELECT $$ :no $$, $tag$ :no $tag$, $1',
    names: ['yes'],
  },
  // Array slices and times are not parameters; names need a letter or underscore first.
  {
    given: "SELECT arr[lo:hi], '10:30', :_x1",
    dialect: 'postgresql',
    text: "SELECT arr[lo:hi], '10:30', $1",
    names: ['_x1'],
  },
  { given: 'SELECT a[1:2] FROM t', dialect: 'postgresql', text: 'SELECT a[1:2] FROM t', names: [] },
  {
    given: 'INSERT INTO t (a, b) VALUES (:a,:b)',
    dialect: 'mysql',
    text: 'INSERT INTO t (a, b) VALUES (?,?)',
    names: ['a', 'b'],
  },
  // An unterminated string swallows the rest rather than exposing a parameter inside it.
  { given: "SELECT ':no", dialect: 'postgresql', text: "SELECT ':no", names: [] },
];

describe('compileNamedSql', () => {
  it.each(cases)('$dialect: $given', ({ given, dialect, text, names }) => {
    expect(compileNamedSql(given, dialect)).toEqual({ text, names });
  });
});
