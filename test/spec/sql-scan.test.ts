import { describe, expect, it } from 'vitest';
import { type SqlDialect, sqlFirstKeyword, sqlNamedParameters } from '../../src/spec/sql.js';

const STATEMENTS: [string, SqlDialect, string[]][] = [
  ['SELECT * FROM t WHERE a = :a AND b = :b_2 OR a = :a', 'postgresql', ['a', 'b_2']],
  ['SELECT x::text, y::int[] FROM t WHERE z = :z', 'postgresql', ['z']],
  ["SELECT ':not', 'it''s :no' FROM t WHERE k = :k", 'postgresql', ['k']],
  ['SELECT "col:umn" FROM t -- :comment\nWHERE k = :k /* :block */', 'postgresql', ['k']],
  ['SELECT $$ :dollar $$, $tag$ :x $tag$ WHERE k = :k', 'postgresql', ['k']],
  ['SELECT arr[1:2], a:b FROM t', 'postgresql', []],
  ["SELECT 'a\\' :k FROM t", 'postgresql', ['k']],
  ["SELECT E'a\\' :still_quoted' FROM t WHERE k = :k", 'postgresql', ['k']],
  ["SELECT 'a\\' :still_quoted' FROM t WHERE k = :k", 'mysql', ['k']],
  ['SELECT `a:b` FROM t # :comment\nWHERE k = :k', 'mysql', ['k']],
  ['SELECT [odd:name] FROM t WHERE k = :k', 'sqlite', ['k']],
  ['SELECT 1 -- :trailing', 'sqlite', []],
];

describe('sqlNamedParameters', () => {
  it.each(STATEMENTS)('%s (%s)', (statement, dialect, want) => {
    expect(sqlNamedParameters(statement, dialect)).toEqual(want);
  });
});

describe('sqlFirstKeyword', () => {
  it.each([
    ['select 1', 'SELECT'],
    ['  -- why\n/* block */ (SELECT 1)', 'SELECT'],
    ['\nWITH x AS (SELECT 1) DELETE FROM t', 'WITH'],
    ['', ''],
  ])('%j → %s', (statement, want) => {
    expect(sqlFirstKeyword(statement)).toBe(want);
  });
});
