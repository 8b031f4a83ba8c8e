import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  decodeCursor,
  decodeKeyCursor,
  encodeCursor,
  encodeKeyCursor,
  pageFromOverfetch,
  paginationInputShape,
  readPageRequest,
  slicePage,
} from '../lib/pagination.js';

const p = { pageSize: 2, maxPageSize: 5 };

describe('pagination', () => {
  it('round-trips a cursor for the same tool only', () => {
    const cursor = encodeCursor('list', 40);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('list', cursor)).toBe(40);
    expect(decodeCursor('other', cursor)).toBeUndefined();
  });

  it.each([
    ['not base64url', '!!!'],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['negative offset', Buffer.from(JSON.stringify({ v: 1, t: 'list', o: -1 })).toString('base64url')],
    ['fractional offset', Buffer.from(JSON.stringify({ v: 1, t: 'list', o: 1.5 })).toString('base64url')],
    ['wrong version', Buffer.from(JSON.stringify({ v: 2, t: 'list', o: 1 })).toString('base64url')],
    ['an array', Buffer.from('[1]').toString('base64url')],
  ])('rejects a cursor that is %s', (_label, cursor) => {
    expect(decodeCursor('list', cursor)).toBeUndefined();
    expect(readPageRequest('list', p, { cursor })).toBeUndefined();
  });

  it('reads limit and cursor and strips them from the arguments', () => {
    const read = readPageRequest('list', p, { q: 'x', limit: 3, cursor: encodeCursor('list', 6) });
    expect(read).toEqual({ page: { limit: 3, offset: 6 }, rest: { q: 'x' } });
    expect(readPageRequest('list', p, {})?.page).toEqual({ limit: 2, offset: 0 });
  });

  it('keyset cursors carry the last key (a number or text) and are refused by offset tools and vice versa', () => {
    const keyed = { ...p, key: 'id', order: 'desc' as const };
    expect(decodeKeyCursor('list', encodeKeyCursor('list', 41))).toBe(41);
    expect(decodeKeyCursor('list', encodeKeyCursor('list', '2026-01-02T00:00:00.000Z'))).toBe(
      '2026-01-02T00:00:00.000Z',
    );
    expect(readPageRequest('list', keyed, { cursor: encodeKeyCursor('list', 41) })?.page).toEqual({
      limit: 2,
      offset: 0,
      keyset: { column: 'id', order: 'desc', after: 41 },
    });
    expect(readPageRequest('list', keyed, {})?.page.keyset).toEqual({ column: 'id', order: 'desc' });
    expect(readPageRequest('list', keyed, { cursor: encodeCursor('list', 4) })).toBeUndefined();
    expect(readPageRequest('list', p, { cursor: encodeKeyCursor('list', 4) })).toBeUndefined();
    const objectKey = Buffer.from(JSON.stringify({ v: 1, t: 'list', k: { $gt: 1 } })).toString('base64url');
    expect(decodeKeyCursor('list', objectKey)).toBeUndefined();
  });

  it('the input shape enforces 1..maxPageSize and defaults to pageSize', () => {
    const schema = z.object({ ...paginationInputShape(p) });
    expect(schema.parse({})).toEqual({ limit: 2 });
    expect(schema.safeParse({ limit: 6 }).success).toBe(false);
    expect(schema.safeParse({ limit: 0 }).success).toBe(false);
    expect(schema.safeParse({ limit: 5, cursor: 'abc' }).success).toBe(true);
  });

  it('slices arrays and over-fetched rows into pages with nextCursor only when more exist', () => {
    const all = [1, 2, 3, 4, 5];
    const first = slicePage(all, { limit: 2, offset: 0 }, 't');
    expect(first.items).toEqual([1, 2]);
    expect(decodeCursor('t', first.nextCursor ?? '')).toBe(2);
    expect(slicePage(all, { limit: 2, offset: 4 }, 't')).toEqual({ items: [5] });
    expect(pageFromOverfetch([1, 2, 3], { limit: 2, offset: 0 }, 't').nextCursor).toBeDefined();
    expect(pageFromOverfetch([1, 2], { limit: 2, offset: 0 }, 't')).toEqual({ items: [1, 2] });
  });
});
