/** The http and graphql implementations against a real node:http upstream on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpConnectionConfig, UpstreamAuthConfig } from '../lib/contract.js';
import { callGraphql } from '../lib/graphql.js';
import { callHttp } from '../lib/http-call.js';
import { upstreamTarget } from '../lib/upstream-auth.js';
import { sendJson, startUpstream } from './helpers.js';

interface Seen {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

let upstream: Awaited<ReturnType<typeof startUpstream>>;
const seen: Seen[] = [];

beforeAll(async () => {
  upstream = await startUpstream((req, body, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/slow') {
      setTimeout(() => sendJson(res, 200, { late: true }), 2000);
      return;
    }
    if (url.pathname === '/api/missing') {
      return sendJson(res, 404, { error: 'no such thing', detail: 'x'.repeat(1000) });
    }
    if (url.pathname === '/api/huge') {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(1024 * 1024);
      for (let i = 0; i < 11; i++) res.write(chunk);
      res.end();
      return;
    }
    if (url.pathname === '/api/moved') {
      res.writeHead(302, { location: '/api/text' });
      res.end();
      return;
    }
    if (url.pathname === '/api/away') {
      res.writeHead(302, { location: 'http://localhost:1/steal' });
      res.end();
      return;
    }
    if (url.pathname === '/api/text') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('plain words');
      return;
    }
    if (url.pathname === '/graphql') {
      const { query, variables } = JSON.parse(body) as { query: string; variables: Record<string, unknown> };
      if (query.includes('broken'))
        return sendJson(res, 200, { errors: [{ message: 'Cannot query field "broken"' }] });
      return sendJson(res, 200, { data: { item: { id: variables.id, name: 'widget' } } });
    }
    sendJson(res, 200, {
      data: { path: url.pathname, query: url.search, echo: body ? JSON.parse(body) : null },
    });
  });
});
afterAll(() => upstream.close());

function target(
  auth: UpstreamAuthConfig = { type: 'none' },
  env: Record<string, string> = {},
  timeoutMs = 1000,
) {
  const config: HttpConnectionConfig = {
    name: 'api',
    type: 'http',
    envVar: 'API_URL',
    auth,
    timeoutMs,
    headers: { 'x-static': 'yes' },
  };
  return upstreamTarget(config, `${upstream.url}/api`, env);
}

const signal = () => new AbortController().signal;
const base = { query: [], body: [], headers: {}, signal: signal() } as const;

describe('http implementation', () => {
  it('encodes path parameters, sends query and JSON body, and picks resultPath', async () => {
    const result = await callHttp(target(), {
      ...base,
      method: 'POST',
      path: '/items/{id}/notes',
      query: ['tag', 'page'],
      body: ['title', 'count'],
      resultPath: 'data',
      args: { id: 'a/b c?', tag: ['x', 'y'], page: 2, title: 'hello', count: 3, ignored: 'no' },
    });
    expect(result).toEqual({
      path: '/api/items/a%2Fb%20c%3F/notes',
      query: '?tag=x&tag=y&page=2',
      echo: { title: 'hello', count: 3 },
    });
    const last = seen.at(-1);
    expect(last?.method).toBe('POST');
    expect(last?.headers['content-type']).toBe('application/json');
    expect(last?.headers['x-static']).toBe('yes');
  });

  describe('path parameters never leave their segment or the base path', () => {
    const bearer = { type: 'bearer', envVar: 'TOKEN' } as const;
    const v1 = () =>
      upstreamTarget(
        { name: 'api', type: 'http', envVar: 'API_URL', auth: bearer, timeoutMs: 1000, headers: {} },
        `${upstream.url}/api/v1`,
        { TOKEN: 's3cret' },
      );
    const call = (path: string, args: Record<string, unknown>) =>
      callHttp(v1(), { ...base, method: 'GET', path, args });

    it.each([
      ['the reproducer: both segments', '/repos/{owner}/{repo}', { owner: '..', repo: '..' }],
      ['the first segment', '/{a}/items', { a: '..' }],
      ['a middle segment', '/repos/{a}/issues', { a: '..' }],
      ['the last segment', '/repos/{a}', { a: '..' }],
      ['a single dot', '/repos/{a}/x', { a: '.' }],
      ['two parameters that join into ..', '/repos/{a}{b}', { a: '.', b: '.' }],
      ['a parameter after a literal dot', '/repos/.{a}', { a: '.' }],
      ['a parameter after an encoded dot', '/repos/%2e{a}', { a: '.' }],
    ])('refuses %s before anything is sent', async (_label, path, args) => {
      const before = seen.length;
      await expect(call(path, args)).rejects.toThrow(/cannot make the path segment "\." or "\.\."/);
      expect(seen.length).toBe(before);
    });

    it.each([
      ['dots inside a value', '/repos/{a}/{b}', { a: '...', b: '.git' }, '/api/v1/repos/.../.git'],
      ['a slash and dots', '/repos/{a}', { a: '../../admin' }, '/api/v1/repos/..%2F..%2Fadmin'],
      ['an encoded dot-dot', '/repos/{a}', { a: '%2e%2e' }, '/api/v1/repos/%252e%252e'],
      ['a backslash', '/repos/{a}', { a: '..\\..' }, '/api/v1/repos/..%5C..'],
      ['a dot next to a literal', '/files/{a}.json', { a: '.' }, '/api/v1/files/..json'],
    ])('sends %s inside its segment, under the base path', async (_label, path, args, arrived) => {
      expect(await call(path, args)).toMatchObject({ data: { path: arrived } });
      expect(seen.at(-1)?.url.split('?')[0]).toBe(arrived);
    });

    it('refuses a template that climbs out of the base path by itself', async () => {
      await expect(call('/../../admin', {})).rejects.toThrow("leaves the upstream's base path /api/v1");
    });
  });

  it.each([
    [{ type: 'bearer', envVar: 'TOKEN' } as const, { TOKEN: 's3cret' }, 'authorization', 'Bearer s3cret'],
    [
      { type: 'basic', envVar: 'CREDS' } as const,
      { CREDS: 'user:pw' },
      'authorization',
      `Basic ${Buffer.from('user:pw').toString('base64')}`,
    ],
    [
      { type: 'api_key', envVar: 'KEY', header: 'X-Api-Key' } as const,
      { KEY: 'k-123' },
      'x-api-key',
      'k-123',
    ],
  ])('sends %o credentials from env', async (auth, env, header, value) => {
    await callHttp(target(auth, env), { ...base, method: 'GET', path: '/whoami', args: {} });
    expect(seen.at(-1)?.headers[header]).toBe(value);
  });

  it('names the missing credentials env var', () => {
    expect(() => target({ type: 'bearer', envVar: 'API_TOKEN' })).toThrow(
      'connection "api" needs credentials: set the environment variable API_TOKEN',
    );
  });

  it('turns a non-2xx answer into an error with the status and a short excerpt', async () => {
    const call = callHttp(target(), { ...base, method: 'GET', path: '/missing', args: {} });
    await expect(call).rejects.toThrow(/^upstream "api" answered 404 Not Found: \{"error":"no such thing"/);
    const message = String(await call.catch((e: Error) => e.message));
    expect(message.length).toBeLessThan(260);
  });

  it('times out with a clear message', async () => {
    const started = Date.now();
    await expect(
      callHttp(target({ type: 'none' }, {}, 200), { ...base, method: 'GET', path: '/slow', args: {} }),
    ).rejects.toThrow('upstream "api" did not answer within 200 ms');
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('returns text bodies as text, and refuses a missing path parameter or resultPath', async () => {
    expect(await callHttp(target(), { ...base, method: 'GET', path: '/text', args: {} })).toBe('plain words');
    await expect(
      callHttp(target(), { ...base, method: 'GET', path: '/items/{id}', args: {} }),
    ).rejects.toThrow('missing path parameter "id"');
    await expect(
      callHttp(target(), { ...base, method: 'GET', path: '/x', resultPath: 'data.nope.deeper', args: {} }),
    ).rejects.toThrow('the upstream response has no "data.nope.deeper"');
  });

  it('follows same-origin redirects only, so credentials never go to another host', async () => {
    const auth = { type: 'api_key', envVar: 'KEY', header: 'X-Api-Key' } as const;
    expect(
      await callHttp(target(auth, { KEY: 'k' }), { ...base, method: 'GET', path: '/moved', args: {} }),
    ).toBe('plain words');
    await expect(
      callHttp(target(auth, { KEY: 'k' }), { ...base, method: 'GET', path: '/away', args: {} }),
    ).rejects.toThrow(
      'upstream "api" redirected to http://localhost:1; only same-origin redirects are followed',
    );
  });

  it('refuses an answer larger than 10 MiB', async () => {
    // 11 MiB through loopback can take over a second on a busy 2-core machine: a timeout is not the point here.
    await expect(
      callHttp(target({ type: 'none' }, {}, 10_000), { ...base, method: 'GET', path: '/huge', args: {} }),
    ).rejects.toThrow(/answered with more than 10485760 bytes/);
  });

  it('reports an unreachable upstream without a stack', async () => {
    const config: HttpConnectionConfig = {
      name: 'down',
      type: 'http',
      envVar: 'X',
      auth: { type: 'none' },
      timeoutMs: 1000,
      headers: {},
    };
    const closed = await startUpstream(() => undefined);
    await closed.close(); // a port that was just free: nothing listens there now
    const down = upstreamTarget(config, closed.url, {});
    await expect(callHttp(down, { ...base, method: 'GET', path: '/', args: {} })).rejects.toThrow(
      /^upstream "down" could not be reached: .*ECONNREFUSED/,
    );
  });
});

describe('graphql implementation', () => {
  const gql = () =>
    upstreamTarget(
      { name: 'gql', type: 'graphql', envVar: 'G', auth: { type: 'none' }, timeoutMs: 1000, headers: {} },
      `${upstream.url}/graphql`,
      {},
    );

  it('sends the document with the arguments as variables and returns data at resultPath', async () => {
    const result = await callGraphql(gql(), {
      document: 'query ($id: ID!) { item(id: $id) { id name } }',
      resultPath: 'item',
      args: { id: '42' },
      signal: signal(),
    });
    expect(result).toEqual({ id: '42', name: 'widget' });
  });

  it('turns GraphQL errors into a tool error', async () => {
    await expect(callGraphql(gql(), { document: '{ broken }', args: {}, signal: signal() })).rejects.toThrow(
      'GraphQL error: Cannot query field "broken"',
    );
  });
});
