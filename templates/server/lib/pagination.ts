/**
 * Cursor pagination for tools whose spec asks for it. The generator merges `paginationInputShape(p)` into
 * the tool's input schema and `paginationOutputShape()` next to `items` in its output schema, so the
 * advertised schemas and the runtime agree by construction.
 *
 * Two kinds of position. Keyset (SQL tools whose spec names `pagination.key`, a unique non-null column):
 * the next page starts after the last row's key, so rows inserted or deleted between requests are neither
 * repeated nor skipped. Offset (everything else): the next page starts N rows in, which a concurrent
 * insert or delete shifts — the generated README says which tools page which way.
 *
 * A cursor is opaque to clients: base64url of `{"v":1,"t":<tool>,"o":<offset>}` or `{"v":1,"t":<tool>,
 * "k":<key>}`. It is validated on the way in (shape, tool, bounds, kind) so a forged or stale cursor is an
 * "invalid cursor" error, never a crash; a key only ever reaches SQL as a bound parameter.
 */
import { z } from 'zod';

export interface PaginationConfig {
  readonly pageSize: number;
  readonly maxPageSize: number;
  /** Keyset paging (SQL): the unique, non-null result column pages continue after. */
  readonly key?: string;
  readonly order?: 'asc' | 'desc';
}

/** The input fields a paginated tool accepts: `limit` (1..maxPageSize) and an opaque `cursor`. */
export function paginationInputShape(p: PaginationConfig) {
  return {
    limit: z
      .int()
      .min(1)
      .max(p.maxPageSize)
      .default(p.pageSize)
      .describe(`Items per page (at most ${p.maxPageSize}).`),
    cursor: z.string().max(512).optional().describe('Cursor from a previous page (its nextCursor).'),
  };
}

/** The output field beside `items`: present only when another page exists. */
export function paginationOutputShape() {
  return {
    nextCursor: z
      .string()
      .optional()
      .describe('Pass as `cursor` to get the next page; absent on the last page.'),
  };
}

export type KeyValue = string | number;

export interface KeysetPosition {
  readonly column: string;
  readonly order: 'asc' | 'desc';
  /** The last key of the previous page; absent on the first page. */
  readonly after?: KeyValue;
}

export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
  readonly keyset?: KeysetPosition;
}

const MAX_OFFSET = 1_000_000_000;
const MAX_KEY_LENGTH = 256;

/**
 * Reads `limit` and `cursor` from the arguments. Returns `undefined` for a bad cursor (the caller
 * answers "invalid cursor"), and the remaining arguments without the two pagination fields.
 */
export function readPageRequest(
  tool: string,
  p: PaginationConfig,
  args: Record<string, unknown>,
): { page: PageRequest; rest: Record<string, unknown> } | undefined {
  const { limit, cursor, ...rest } = args;
  const size = typeof limit === 'number' && Number.isInteger(limit) ? limit : p.pageSize;
  const boundedLimit = Math.min(Math.max(size, 1), p.maxPageSize);
  const first = cursor === undefined || cursor === null || cursor === '';
  if (p.key !== undefined) {
    const keyset = { column: p.key, order: p.order ?? 'asc' };
    if (first) return { page: { limit: boundedLimit, offset: 0, keyset }, rest };
    const after = typeof cursor === 'string' ? decodeKeyCursor(tool, cursor) : undefined;
    return after === undefined
      ? undefined
      : { page: { limit: boundedLimit, offset: 0, keyset: { ...keyset, after } }, rest };
  }
  if (first) return { page: { limit: boundedLimit, offset: 0 }, rest };
  const offset = typeof cursor === 'string' ? decodeCursor(tool, cursor) : undefined;
  return offset === undefined ? undefined : { page: { limit: boundedLimit, offset }, rest };
}

export function encodeCursor(tool: string, offset: number): string {
  return Buffer.from(JSON.stringify({ v: 1, t: tool, o: offset }), 'utf8').toString('base64url');
}

export function decodeCursor(tool: string, cursor: string): number | undefined {
  const o = cursorFields(tool, cursor)?.o;
  if (typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0 || o > MAX_OFFSET) return undefined;
  return o;
}

export function encodeKeyCursor(tool: string, key: KeyValue): string {
  return Buffer.from(JSON.stringify({ v: 1, t: tool, k: key }), 'utf8').toString('base64url');
}

export function decodeKeyCursor(tool: string, cursor: string): KeyValue | undefined {
  const k = cursorFields(tool, cursor)?.k;
  if (typeof k === 'number') return Number.isFinite(k) ? k : undefined;
  return typeof k === 'string' && k.length <= MAX_KEY_LENGTH ? k : undefined;
}

/** The fields of a well-formed cursor of this tool, or undefined. */
function cursorFields(tool: string, cursor: string): Record<string, unknown> | undefined {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded)) return undefined;
  const fields = decoded as Record<string, unknown>;
  return fields.v === 1 && fields.t === tool ? fields : undefined;
}

/** A key a cursor can carry: what the key column of a JSON-safe row holds (numbers, text, ISO dates). */
export function isKeyValue(value: unknown): value is KeyValue {
  if (typeof value === 'number') return Number.isFinite(value);
  return typeof value === 'string' && value.length <= MAX_KEY_LENGTH;
}

/** Slices an in-memory array (HTTP, GraphQL, files, handlers) into one page. */
export function slicePage<T>(all: readonly T[], page: PageRequest, tool: string): Page<T> {
  const items = all.slice(page.offset, page.offset + page.limit);
  const more = page.offset + page.limit < all.length;
  return more ? { items, nextCursor: encodeCursor(tool, page.offset + page.limit) } : { items };
}

/**
 * Builds a page from `limit + 1` fetched rows (SQL): the extra row only says that more exist. With a
 * keyset the cursor carries the last row's key (sql.ts has checked that every row has one).
 */
export function pageFromOverfetch<T>(rows: readonly T[], page: PageRequest, tool: string): Page<T> {
  const items = rows.slice(0, page.limit);
  if (rows.length <= page.limit) return { items };
  if (page.keyset === undefined) return { items, nextCursor: encodeCursor(tool, page.offset + page.limit) };
  const last = items[items.length - 1] as Record<string, unknown> | undefined;
  const key = last?.[page.keyset.column];
  return isKeyValue(key) ? { items, nextCursor: encodeKeyCursor(tool, key) } : { items };
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
