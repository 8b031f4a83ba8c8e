import { describe, expect, it } from 'vitest';
import { sqlFirstKeyword, sqlNamedParameters } from '../../src/spec/sql.js';

describe('sqlNamedParameters', () => {
  it.each([
    ['SELECT * FROM t WHERE a = :a AND b = :b_2 OR a = :a', ['a', 'b_2']],
    ['SELECT x::text, y::int[] FROM t WHERE z = :z', ['z']],
    ["SELECT ':not', 'it''s :no' FROM t WHERE k = :k", ['k']],
    ['SELECT "col:umn" FROM t -- :comment\nWHERE k = :k /* :block */', ['k']],
    ['SELECT $$ :dollar $$, $tag$ :x $tag$ WHERE k = :k', ['k']],
    ['SELECT arr[1:2] FROM t', []],
    ["SELECT 'a\\' :still_quoted' FROM t WHERE k = :k", ['k']],
  ])('%s', (statement, want) => {
    expect(sqlNamedParameters(statement)).toEqual(want);
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
