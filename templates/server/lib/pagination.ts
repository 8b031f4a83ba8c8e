/**
 * Cursor pagination for tools whose spec asks for it. The generator merges `paginationInputShape(p)` into
 * the tool's input schema and `paginationOutputShape()` next to `items` in its output schema, so the
 * advertised schemas and the runtime agree by construction.
 *
 * A cursor is opaque to clients: base64url of `{"v":1,"t":<tool>,"o":<offset>}`. It is validated on the
 * way in (shape, tool, bounds) so a forged or stale cursor is an "invalid cursor" error, never a crash.
 */
import { z } from 'zod';

export interface PaginationConfig {
  readonly pageSize: number;
  readonly maxPageSize: number;
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

export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
}

const MAX_OFFSET = 1_000_000_000;

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
  if (cursor === undefined || cursor === null || cursor === '') {
    return { page: { limit: boundedLimit, offset: 0 }, rest };
  }
  const offset = typeof cursor === 'string' ? decodeCursor(tool, cursor) : undefined;
  return offset === undefined ? undefined : { page: { limit: boundedLimit, offset }, rest };
}

export function encodeCursor(tool: string, offset: number): string {
  return Buffer.from(JSON.stringify({ v: 1, t: tool, o: offset }), 'utf8').toString('base64url');
}

export function decodeCursor(tool: string, cursor: string): number | undefined {
  if (!/^[A-Za-z0-9_-]{1,512}$/.test(cursor)) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof decoded !== 'object' || decoded === null) return undefined;
  const { v, t, o } = decoded as { v?: unknown; t?: unknown; o?: unknown };
  if (v !== 1 || t !== tool) return undefined;
  if (typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0 || o > MAX_OFFSET) return undefined;
  return o;
}

/** Slices an in-memory array (HTTP, GraphQL, files, handlers) into one page. */
export function slicePage<T>(all: readonly T[], page: PageRequest, tool: string): Page<T> {
  const items = all.slice(page.offset, page.offset + page.limit);
  const more = page.offset + page.limit < all.length;
  return more ? { items, nextCursor: encodeCursor(tool, page.offset + page.limit) } : { items };
}

/** Builds a page from `limit + 1` fetched rows (SQL): the extra row only says that more exist. */
export function pageFromOverfetch<T>(rows: readonly T[], page: PageRequest, tool: string): Page<T> {
  const items = rows.slice(0, page.limit);
  const more = rows.length > page.limit;
  return more ? { items, nextCursor: encodeCursor(tool, page.offset + page.limit) } : { items };
}

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
