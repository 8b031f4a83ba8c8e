/**
 * The `http` implementation: one request to the upstream named by the connection. Path parameters are
 * URL-encoded, query and body parameters come from the lists the generator derived, credentials come from
 * env (never from the client: no token passthrough), and a non-2xx answer is a tool error with the status
 * and a short excerpt of the body.
 */
import { type Implementation, ToolError } from './contract.js';
import type { UpstreamTarget } from './upstream-auth.js';

/** The `http` implementation from the contract, plus the call's arguments. */
export type HttpCallRequest = Omit<Extract<Implementation, { type: 'http' }>, 'type' | 'connection'> & {
  readonly args: Readonly<Record<string, unknown>>;
  readonly signal: AbortSignal;
};

const EXCERPT = 200;

export async function callHttp(target: UpstreamTarget, request: HttpCallRequest): Promise<unknown> {
  const url = buildUrl(target.baseUrl, request.path, request.args);
  appendQuery(url, request.query, request.args);
  const body = buildBody(request.body, request.args);
  const headers: Record<string, string> = {
    accept: 'application/json',
    ...target.headers,
    ...request.headers,
  };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetchUpstream(target, url, {
    method: request.method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: request.signal,
  });
  return pickPath(await readResponse(target, response), request.resultPath);
}

const MAX_REDIRECTS = 5;

/**
 * `fetch` with the connection's timeout joined to the call's own cancellation. Redirects are followed
 * only within the upstream's origin: credentials travel in headers (an API-key header is not dropped by
 * fetch on a cross-origin redirect), so they must never be replayed to another host.
 */
export async function fetchUpstream(
  target: UpstreamTarget,
  url: URL,
  init: RequestInit & { signal: AbortSignal },
): Promise<Response> {
  const signal = AbortSignal.any([init.signal, AbortSignal.timeout(target.timeoutMs)]);
  try {
    let current = url;
    for (let hop = 0; ; hop++) {
      const response = await fetch(current, { ...init, signal, redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status < 300 || response.status > 399 || !location) return response;
      const next = new URL(location, current);
      if (next.origin !== target.baseUrl.origin || hop >= MAX_REDIRECTS) {
        throw new ToolError(
          `upstream "${target.name}" redirected to ${next.origin}; only same-origin redirects are followed`,
        );
      }
      await response.body?.cancel();
      current = next;
    }
  } catch (error) {
    if (error instanceof ToolError) throw error;
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new ToolError(`upstream "${target.name}" did not answer within ${target.timeoutMs} ms`);
    }
    if (error instanceof Error && error.name === 'AbortError') throw error;
    const cause =
      error instanceof Error && error.cause instanceof Error ? error.cause.message : 'network error';
    throw new ToolError(`upstream "${target.name}" could not be reached: ${cause}`);
  }
}

/** Parses the body (JSON when it says so, else text) and turns a non-2xx status into a tool error. */
export async function readResponse(target: UpstreamTarget, response: Response): Promise<unknown> {
  const text = await readCapped(target, response);
  if (!response.ok) {
    const excerpt = text.replace(/\s+/g, ' ').trim().slice(0, EXCERPT);
    const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    throw new ToolError(`upstream "${target.name}" answered ${status}${excerpt ? `: ${excerpt}` : ''}`);
  }
  if (text === '') return null;
  const type = response.headers.get('content-type') ?? '';
  if (!/\bjson\b/i.test(type)) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new ToolError(`upstream "${target.name}" sent invalid JSON`);
  }
}

/** Upstream answers are read whole (they become one tool result), so their size is bounded. */
export const MAX_RESPONSE_BYTES = 10 * 1024 * 1024;

async function readCapped(target: UpstreamTarget, response: Response): Promise<string> {
  const tooLarge = () =>
    new ToolError(`upstream "${target.name}" answered with more than ${MAX_RESPONSE_BYTES} bytes`);
  if (Number(response.headers.get('content-length') ?? 0) > MAX_RESPONSE_BYTES) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > MAX_RESPONSE_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const PATH_PARAMETER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
/** `.` and `..`, also percent-encoded: the URL API resolves `%2e%2e` like `..` (WHATWG URL). */
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

/**
 * Base URL + spec path, with `{name}` replaced by the URL-encoded argument. `encodeURIComponent` leaves
 * dots alone, so a value of `..` would climb out of the base path and send the server's credentials to
 * another endpoint of the upstream: a segment that parameters turn into a dot segment is refused, and the
 * final path must stay under the base URL's path.
 */
export function buildUrl(base: URL, pathTemplate: string, args: Readonly<Record<string, unknown>>): URL {
  const path = pathTemplate
    .split('/')
    .map((segment) => fillSegment(segment, args))
    .join('/');
  const url = new URL(base.href);
  const prefix = url.pathname.replace(/\/+$/, '');
  url.pathname = `${prefix}${path}`;
  if (url.pathname !== prefix && !url.pathname.startsWith(`${prefix}/`)) {
    throw new ToolError(`the path ${pathTemplate} leaves the upstream's base path ${prefix || '/'}`);
  }
  return url;
}

function fillSegment(segment: string, args: Readonly<Record<string, unknown>>): string {
  const names: string[] = [];
  const filled = segment.replace(PATH_PARAMETER, (_match, name: string) => {
    const value = args[name];
    if (value === undefined || value === null || value === '') {
      throw new ToolError(`missing path parameter "${name}"`);
    }
    names.push(name);
    return encodeURIComponent(String(value));
  });
  if (names.length > 0 && DOT_SEGMENT.test(filled)) {
    const which = names.map((name) => `"${name}"`).join(', ');
    throw new ToolError(`path parameter ${which} cannot make the path segment "." or ".."`);
  }
  return filled;
}

function appendQuery(url: URL, names: readonly string[], args: Readonly<Record<string, unknown>>): void {
  for (const name of names) {
    const value = args[name];
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      url.searchParams.append(name, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
}

function buildBody(names: readonly string[], args: Readonly<Record<string, unknown>>): object | undefined {
  if (names.length === 0) return undefined;
  const body: Record<string, unknown> = {};
  for (const name of names) if (args[name] !== undefined) body[name] = args[name];
  return body;
}

/** `data.items.0.name`-style pick; a path that does not exist in the response is a tool error. */
export function pickPath(value: unknown, path: string | undefined): unknown {
  if (!path) return value;
  let current: unknown = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !(key in current)) {
      throw new ToolError(`the upstream response has no "${path}"`);
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
