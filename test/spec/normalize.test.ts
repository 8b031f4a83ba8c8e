/** Normalization makes every derived default explicit; values written in the spec always win. */
import { describe, expect, it } from 'vitest';
import { parseSpec, type ServerSpec } from '../../src/spec/index.js';

function valid(text: string): ServerSpec {
  const result = parseSpec(text);
  expect(result.errors).toEqual([]);
  return result.spec!;
}

const CONNECTIONS = `connections:
  - { name: db, type: postgresql, envVar: DATABASE_URL }
  - { name: api, type: http, envVar: API_URL }
  - { name: gql, type: graphql, envVar: GQL_URL }
  - { name: q, type: redis, envVar: REDIS_URL }
`;

const tool = (name: string, body: string) => `  - name: ${name}\n${body}`;

function toolsSpec(...tools: string[]): string {
  return `name: s\nversion: 1.0.0\n${CONNECTIONS}tools:\n${tools.join('')}`;
}

describe('normalize', () => {
  it('fills schema defaults and gives a tool without implementation a handler and false annotations', () => {
    const spec = valid('name: s\nversion: 1.0.0\ntools:\n  - name: t\n');
    expect(spec).toMatchObject({ transport: 'stdio', auth: { type: 'none' }, connections: [], triggers: [] });
    expect(spec.http).toEqual({ host: '127.0.0.1', port: 3000, allowedHosts: [], allowedOrigins: [] });
    expect(spec.tools[0]).toEqual({
      name: 't',
      description: '',
      parameters: {},
      implementation: { type: 'handler' },
      annotations: { readOnly: false, destructive: false, idempotent: false, openWorld: false },
    });
  });

  it.each([
    ['SELECT 1', 'rows', { readOnly: true, destructive: false }],
    ['  -- comment\n  with x as (select 1) select * from x', 'rows', { readOnly: true, destructive: false }],
    ['EXPLAIN SELECT 1', 'rows', { readOnly: true }],
    ['WITH gone AS (DELETE FROM t RETURNING id) SELECT id FROM gone', 'rows', { readOnly: false }],
    ['EXPLAIN ANALYZE UPDATE t SET a = 1', 'rows', { readOnly: false }],
    ["SELECT updated_at FROM t WHERE note = 'delete me' -- not an insert", 'rows', { readOnly: true }],
    ['DELETE FROM t', 'affected', { readOnly: false, destructive: true }],
    ['TRUNCATE t', 'affected', { destructive: true }],
    ['DELETE FROM t RETURNING id', 'rows', { destructive: false }],
    ['UPDATE t SET a = 1', 'affected', { readOnly: false, destructive: false, openWorld: false }],
  ])('infers SQL annotations: %s (%s)', (statement, result, want) => {
    const spec = valid(
      toolsSpec(
        tool(
          't',
          `    connection: db\n    implementation: { type: sql, statement: ${JSON.stringify(statement)}, result: ${result} }\n`,
        ),
      ),
    );
    expect(spec.tools[0]!.annotations).toMatchObject(want);
  });

  it('infers http and graphql annotations, and explicit values win', () => {
    const spec = valid(
      toolsSpec(
        tool('get', '    connection: api\n    implementation: { type: http, method: GET }\n'),
        tool('del', '    connection: api\n    implementation: { type: http, method: DELETE }\n'),
        tool(
          'post',
          '    connection: api\n    implementation: { type: http, method: POST }\n    annotations: { openWorld: false, title: Post }\n',
        ),
        tool('q', '    connection: gql\n    implementation: { type: graphql, document: "query { a }" }\n'),
        tool('m', '    connection: gql\n    implementation: { type: graphql, document: "mutation { a }" }\n'),
      ),
    );
    const annotations = Object.fromEntries(spec.tools.map((t) => [t.name, t.annotations]));
    expect(annotations.get).toEqual({
      readOnly: true,
      destructive: false,
      idempotent: true,
      openWorld: true,
    });
    expect(annotations.del).toEqual({
      readOnly: false,
      destructive: true,
      idempotent: true,
      openWorld: true,
    });
    expect(annotations.post).toEqual({
      title: 'Post',
      readOnly: false,
      destructive: false,
      idempotent: false,
      openWorld: false,
    });
    expect(annotations.q).toMatchObject({ readOnly: true, openWorld: true });
    expect(annotations.m).toMatchObject({ readOnly: false, openWorld: true });
  });

  it('splits http parameters into query and body, leaving out path placeholders', () => {
    const params = '    parameters: { id: { type: string }, a: { type: string }, b: { type: string } }\n';
    const spec = valid(
      toolsSpec(
        tool(
          'get',
          `    connection: api\n${params}    implementation: { type: http, method: GET, path: "/x/{id}" }\n`,
        ),
        tool(
          'put',
          `    connection: api\n${params}    implementation: { type: http, method: PUT, path: "/x/{id}" }\n`,
        ),
        tool(
          'mix',
          `    connection: api\n${params}    implementation: { type: http, method: POST, path: "/x/{id}", query: [a] }\n`,
        ),
      ),
    );
    const http = spec.tools.map((t) => t.implementation);
    expect(http[0]).toMatchObject({ query: ['a', 'b'], body: [] });
    expect(http[1]).toMatchObject({ query: [], body: ['a', 'b'] });
    expect(http[2]).toMatchObject({ query: ['a'], body: ['b'] });
  });

  it.each([
    [10, undefined, 500],
    [800, undefined, 800],
    [10_000, undefined, 10_000],
    [20, 40, 40],
  ])('pagination pageSize %s, maxPageSize %s → %s', (pageSize, maxPageSize, want) => {
    const pagination = maxPageSize
      ? `{ pageSize: ${pageSize}, maxPageSize: ${maxPageSize} }`
      : `{ pageSize: ${pageSize} }`;
    const spec = valid(toolsSpec(tool('t', `    pagination: ${pagination}\n`)));
    expect(spec.tools[0]!.pagination).toEqual({ pageSize, maxPageSize: want });
  });

  it('gives queue triggers a group (server name) and a dead-letter queue', () => {
    const spec = valid(
      `${toolsSpec(tool('t', ''))}triggers:\n  - { type: queue, kind: redis-stream, connection: q, queue: jobs, tool: t }\n  - { type: queue, kind: redis-stream, connection: q, queue: other, group: g, deadLetter: dlq, tool: t }\n`,
    );
    expect(spec.triggers[0]).toMatchObject({
      group: 's',
      deadLetter: 'jobs.dead',
      retry: { attempts: 3, backoffMs: 1000 },
    });
    expect(spec.triggers[1]).toMatchObject({ group: 'g', deadLetter: 'dlq' });
  });

  it('derives the oauth2 jwksUrl from the issuer without its trailing slash', () => {
    const spec = valid(
      'name: s\nversion: 1.0.0\ntransport: http\nauth: { type: oauth2, issuer: "https://id.example.com/realms/x/", audience: "https://mcp.example.com" }\ntools:\n  - name: t\n',
    );
    expect(spec.auth).toEqual({
      type: 'oauth2',
      issuer: 'https://id.example.com/realms/x/',
      audience: 'https://mcp.example.com',
      scopes: [],
      jwksUrl: 'https://id.example.com/realms/x/.well-known/jwks.json',
    });
  });

  it('is deterministic: the same text gives equal specs', () => {
    const text = toolsSpec(tool('t', '    connection: api\n    implementation: { type: http }\n'));
    expect(JSON.stringify(valid(text))).toBe(JSON.stringify(valid(text)));
  });
});

describe('paginated SQL', () => {
  it('may bind :limit and :offset without declaring them, and LIMIT inside a string is not a LIMIT', () => {
    const text = `name: s\nversion: 1.0.0\n${CONNECTIONS}tools:\n  - name: t\n    connection: db\n    pagination: { pageSize: 10 }\n    implementation: { type: sql, statement: "SELECT 'no LIMIT here' AS x FROM t ORDER BY 1 LIMIT :limit OFFSET :offset" }\n`;
    expect(parseSpec(text).errors).toEqual([]);
  });
});
