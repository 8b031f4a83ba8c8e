/**
 * The contract between the runtime that every generated server carries (this folder, copied verbatim into
 * `<server>/src/lib/`) and the code the generator emits for one spec. Generated files only import from
 * here and from `zod`:
 *
 *   src/config.gen.ts        export const config: ServerConfig = { … }           (data from the spec)
 *   src/tools/<tool>.ts      export default defineTool({ … })                     (one per tool)
 *   src/tools/index.gen.ts   export const tools: ToolDefinition[] = [ … ]
 *   src/handlers/<tool>.ts   export default async function handler(args, ctx) { … }   (user-owned)
 *   src/index.ts             await startServer({ config, tools, resources, prompts })
 *
 * The shapes mirror the normalized spec (src/spec/schema.ts in the factory) so the generator emits them as
 * plain data; this file is the runtime's own copy because a generated server never depends on the factory.
 *
 * Reference output for a small spec: templates/server/fixtures/notes/ (what the generator should emit).
 * That fixture also has src/server.gen.ts (`export const definition: ServerDefinition`) so tests can start
 * the same server in-process; src/index.ts is then just `await startServer(definition)`.
 *
 * Changes since the first version (all additive):
 *  - re-exports `paginationInputShape(p)` / `paginationOutputShape()` (lib/pagination.ts): a paginated
 *    tool's input schema spreads the first (`limit`, `cursor`), its output schema the second (`nextCursor`).
 *  - `Implementation` takes an optional type parameter (the handler's argument type) and `handler` is a
 *    method, so `handler(args: Args, ctx)` typed from the tool's own schema fits `ToolDefinition[]`.
 *    `ToolDefinition<Input>.implementation` is `Implementation<z.output<Input>>`.
 *  - `ToolContext.caller` (CallerInfo): the OAuth identity of an authenticated HTTP request.
 *
 * What the built-in implementations return (the generator's output schemas must describe this):
 *  - sql rows → array of row objects (wrap 'items'); first → one row object (no row: isError "not found");
 *    affected → `{ affected: number }`. Dates become ISO strings, bigints numbers (or strings past 2^53),
 *    DECIMAL/NUMERIC numbers when a double holds them exactly (≤ 15 significant digits), else strings.
 *  - http / graphql → the JSON response (GraphQL: its `data`), narrowed by `resultPath` when set.
 *  - file read → `{ path, content, size }`; write → `{ path, size }`; stat → `{ path, type, size, modified }`;
 *    list → array of `{ name, path, type, size }` (wrap 'items'); delete → `{ path, deleted: true }`.
 *  - paginated tools (any implementation that yields an array) → `{ items, nextCursor? }`. Paginated SQL
 *    gets `LIMIT :limit OFFSET :offset` appended, unless the statement binds `:limit` (and `:offset`) itself;
 *    `limit` is then the page size + 1 (the extra row only tells that another page exists).
 *  - a result that does not match `outputSchema` is an isError result naming the field.
 */
import type { z } from 'zod';

export { paginationInputShape, paginationOutputShape } from './pagination.js';

// --- Server configuration (data emitted from the spec) ----------------------------------------------------

export type Transport = 'stdio' | 'http';

export interface HttpConfig {
  readonly host: string;
  readonly port: number;
  readonly allowedHosts: readonly string[];
  readonly allowedOrigins: readonly string[];
}

export type AuthConfig =
  | { readonly type: 'none' }
  | { readonly type: 'api_key'; readonly header: string; readonly envVar: string }
  | { readonly type: 'bearer'; readonly envVar: string }
  | {
      readonly type: 'oauth2';
      readonly issuer: string;
      readonly audience: string;
      readonly jwksUrl?: string | undefined;
      readonly scopes: readonly string[];
    };

export type UpstreamAuthConfig =
  | { readonly type: 'none' }
  | { readonly type: 'bearer'; readonly envVar: string }
  | { readonly type: 'basic'; readonly envVar: string }
  | { readonly type: 'api_key'; readonly envVar: string; readonly header: string };

interface ConnectionBase {
  readonly name: string;
  readonly envVar: string;
}

export interface SqlConnectionConfig extends ConnectionBase {
  readonly type: 'postgresql' | 'mysql' | 'sqlite';
  readonly readOnly: boolean;
  readonly maxRows: number;
  readonly poolSize: number;
  readonly init: readonly string[];
  /** sqlite only: the file used when the env var is unset. */
  readonly defaultPath?: string | undefined;
}

export interface HttpConnectionConfig extends ConnectionBase {
  readonly type: 'http' | 'graphql';
  readonly auth: UpstreamAuthConfig;
  readonly timeoutMs: number;
  readonly headers: Readonly<Record<string, string>>;
}

export interface FilesystemConnectionConfig extends ConnectionBase {
  readonly type: 'filesystem';
  readonly readOnly: boolean;
}

export interface QueueConnectionConfig extends ConnectionBase {
  readonly type: 'redis' | 'rabbitmq';
}

export type ConnectionConfig =
  | SqlConnectionConfig
  | HttpConnectionConfig
  | FilesystemConnectionConfig
  | QueueConnectionConfig;

export interface ServerConfig {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly transport: Transport;
  readonly http: HttpConfig;
  readonly auth: AuthConfig;
  readonly connections: readonly ConnectionConfig[];
}

// --- Tools -------------------------------------------------------------------------------------------------

export interface ToolLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** What a handler (and every built-in implementation) receives besides its arguments. */
export interface ToolContext {
  /**
   * The open client of a named connection, opened lazily: postgresql → pg.Pool, mysql → mysql2/promise
   * Pool, sqlite → better-sqlite3 Database, http/graphql → `{ name, baseUrl: URL, headers, timeoutMs }`
   * (headers include the credentials), filesystem → `{ root, readOnly }`, redis/rabbitmq → `{ url }`.
   * Rejects with a ToolError naming the env var when the connection is not configured.
   */
  connection<T = unknown>(name: string): Promise<T>;
  readonly signal: AbortSignal;
  readonly log: ToolLogger;
  /** Who is calling, when the HTTP transport authenticated the request (absent on stdio and auth none). */
  readonly caller?: CallerInfo | undefined;
}

export interface CallerInfo {
  /** `client_id`, `azp` or `sub` of an OAuth token; 'unknown' when the token names none. */
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly subject?: string | undefined;
}

/** Thrown (or returned via `toolError`) to produce an `isError` result with this message. */
export class ToolError extends Error {
  override readonly name = 'ToolError';
}

export type HandlerFunction<Args = Record<string, unknown>, Result = unknown> = (
  args: Args,
  context: ToolContext,
) => Promise<Result>;

export type Implementation<Args = Record<string, unknown>> =
  | {
      readonly type: 'sql';
      readonly connection: string;
      readonly statement: string;
      readonly result: 'rows' | 'first' | 'affected';
    }
  | {
      readonly type: 'http';
      readonly connection: string;
      readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
      readonly path: string;
      /** Parameters sent in the query string / JSON body (the generator has already derived both lists). */
      readonly query: readonly string[];
      readonly body: readonly string[];
      readonly headers: Readonly<Record<string, string>>;
      readonly resultPath?: string | undefined;
    }
  | {
      readonly type: 'graphql';
      readonly connection: string;
      readonly document: string;
      readonly resultPath?: string | undefined;
    }
  | {
      readonly type: 'file';
      readonly connection: string;
      readonly operation: 'read' | 'write' | 'list' | 'stat' | 'delete';
      readonly pathParameter: string;
      readonly contentParameter: string;
    }
  | {
      readonly type: 'handler';
      /**
       * The function exported by src/handlers/<tool>.ts (a stub that throws ToolError until written).
       * Declared as a method so a handler typed with its tool's own argument type still fits a plain
       * `ToolDefinition` (method parameters are bivariant); the runtime passes validated arguments.
       */
      handler(args: Args, context: ToolContext): Promise<unknown>;
    };

export interface ToolAnnotations {
  readonly title?: string | undefined;
  readonly readOnlyHint?: boolean | undefined;
  readonly destructiveHint?: boolean | undefined;
  readonly idempotentHint?: boolean | undefined;
  readonly openWorldHint?: boolean | undefined;
}

export interface ToolDefinition<Input extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly title?: string | undefined;
  readonly description: string;
  readonly inputSchema: Input;
  /**
   * The output schema as advertised. When the spec's `returns` is an array (or the tool is paginated) the
   * runtime wraps the value as `{ items: [...] }` (plus `nextCursor`), and this schema already describes
   * that wrapped object.
   */
  readonly outputSchema?: z.ZodObject | undefined;
  /** 'items': wrap the implementation's array result in `{ items }`; 'none': return the object as is. */
  readonly wrap: 'items' | 'none';
  readonly annotations?: ToolAnnotations | undefined;
  readonly pagination?: { readonly pageSize: number; readonly maxPageSize: number } | undefined;
  readonly implementation: Implementation<z.output<Input>>;
}

export function defineTool<Input extends z.ZodObject>(
  definition: ToolDefinition<Input>,
): ToolDefinition<Input> {
  return definition;
}

/** The message every unimplemented handler stub returns; tests recognise it to report "not implemented". */
export const NOT_IMPLEMENTED_MARKER = 'not implemented:';

// --- Resources and prompts (data emitted from the spec) -------------------------------------------------

export interface ResourceDefinition {
  readonly uri: string;
  readonly name: string;
  readonly description?: string | undefined;
  readonly mimeType: string;
  readonly text: string;
}

export interface PromptDefinition {
  readonly name: string;
  readonly description?: string | undefined;
  readonly arguments: readonly {
    readonly name: string;
    readonly description?: string | undefined;
    readonly required: boolean;
  }[];
  readonly text: string;
}

export interface ServerDefinition {
  readonly config: ServerConfig;
  readonly tools: readonly ToolDefinition[];
  readonly resources: readonly ResourceDefinition[];
  readonly prompts: readonly PromptDefinition[];
}
