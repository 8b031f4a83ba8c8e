/**
 * Whatever validates must run (issue 11, items 6 and 7): one-line values without control characters, HTTP
 * header names and values Node's own checks accept, resource URIs the SDK's URL parse reads back unchanged,
 * SQL without NUL. Each refused value is also shown to fail in the runtime's own check.
 */
import { validateHeaderName } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/index.js';

const spec = (extra: Record<string, unknown>, tool: Record<string, unknown> = {}) =>
  JSON.stringify({
    name: 'demo',
    version: '1.0.0',
    tools: [{ name: 't', implementation: { type: 'handler' }, ...tool }],
    ...extra,
  });

const httpConnection = (extra: Record<string, unknown>) => ({
  connections: [{ name: 'api', type: 'http', envVar: 'API_URL', ...extra }],
});

describe('control characters in one-line values (item 6)', () => {
  it('refuses a line break in a sqlite defaultPath (the .env.example injection), at that value', () => {
    const path = './db.sqlite\nNODE_OPTIONS=--require /tmp/evil.js';
    const text = spec({ connections: [{ name: 'db', type: 'sqlite', envVar: 'DB', defaultPath: path }] });
    const { errors } = parseSpec(text);
    expect(errors).toEqual([
      expect.objectContaining({ rule: 'control-character', path: 'connections[0].defaultPath' }),
    ]);
    expect(errors[0]?.message).toMatch(/U\+000A at character 12/);
  });

  it.each([
    [
      'a file trigger path',
      { triggers: [{ type: 'file', tool: 't', paths: ['in/\r*.csv'] }] },
      'triggers[0].paths[0]',
    ],
    ['an allowed host', { transport: 'http', http: { allowedHosts: ['a\u2028b'] } }, 'http.allowedHosts[0]'],
    [
      'a resource MIME type',
      { resources: [{ uri: 'notes://a', name: 'n', mimeType: 'x\0y', text: 't' }] },
      'resources[0].mimeType',
    ],
    [
      'a cron timezone',
      { triggers: [{ type: 'cron', tool: 't', schedule: '@daily', timezone: 'UTC\n' }] },
      'triggers[0].timezone',
    ],
  ])('refuses a control character in %s', (_, extra, path) => {
    const { errors } = parseSpec(spec(extra));
    expect(errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ rule: 'control-character', path })]),
    );
  });

  it('leaves free text alone: descriptions, titles and resource text may hold any character', () => {
    const text = 'line1\nline2\r\n\u0000 \u2028 tab\t';
    const { errors } = parseSpec(
      spec(
        { description: text, resources: [{ uri: 'notes://a', name: 'n', description: text, text }] },
        { description: text, title: text },
      ),
    );
    expect(errors).toEqual([]);
  });
});

describe('HTTP headers the runtime can send (item 7)', () => {
  it.each(['X Name', 'X"Quote', 'X-Line\r\nInjected: 1', 'X-Nul\0', 'X:Colon', ''])(
    'refuses the header name %j, which Node refuses too',
    (name) => {
      expect(() => validateHeaderName(name)).toThrow();
      expect(() => new Headers({ [name]: 'v' })).toThrow();
      const { errors } = parseSpec(spec(httpConnection({ headers: { [name]: 'v' } })));
      expect(errors).toEqual([expect.objectContaining({ rule: 'http-header' })]);
    },
  );

  it('refuses a header value with a line break, in a connection and in a tool', () => {
    const connection = parseSpec(spec(httpConnection({ headers: { 'X-Ok': 'a\r\nX-Evil: 1' } })));
    expect(connection.errors).toEqual([
      expect.objectContaining({ rule: 'http-header', path: 'connections[0].headers.X-Ok' }),
    ]);
    const tool = parseSpec(
      spec(httpConnection({}), {
        connection: 'api',
        implementation: { type: 'http', path: '/x', headers: { Accept: 'a\nb' } },
      }),
    );
    expect(tool.errors).toEqual([
      expect.objectContaining({ rule: 'http-header', path: 'tools[0].implementation.headers.Accept' }),
    ]);
  });

  it('refuses an API-key header name with a space', () => {
    const { errors } = parseSpec(
      spec(httpConnection({ auth: { type: 'api_key', envVar: 'K', header: 'X Key' } })),
    );
    expect(errors).toEqual([
      expect.objectContaining({ rule: 'http-header', path: 'connections[0].auth.header' }),
    ]);
  });

  it('accepts ordinary headers', () => {
    const headers = {
      Accept: 'application/json',
      'X-Api-Version': '2024-01-01',
      "X-Weird!#$%&'*+.^_`|~": 'ok',
    };
    expect(parseSpec(spec(httpConnection({ headers }))).errors).toEqual([]);
  });
});

describe('resource URIs the SDK can serve (item 7)', () => {
  it('refuses `inj://</script>`, which the URL parser (the SDK lookup) refuses', () => {
    expect(() => new URL('inj://</script>')).toThrow();
    const { errors } = parseSpec(spec({ resources: [{ uri: 'inj://</script>', name: 'n', text: 't' }] }));
    expect(errors).toEqual([expect.objectContaining({ rule: 'resource-uri', path: 'resources[0].uri' })]);
  });

  it('refuses a URI the parser rewrites, naming the form to write', () => {
    const { errors } = parseSpec(spec({ resources: [{ uri: 'notes://a/b/../c', name: 'n', text: 't' }] }));
    expect(errors).toEqual([
      expect.objectContaining({ rule: 'resource-uri', hint: 'write it as `notes://a/c`' }),
    ]);
  });

  it('accepts ordinary URIs', () => {
    const resources = [
      'notes://readme',
      'inventory://schema',
      'file:///etc/motd',
      'hostile://notes/readme',
    ].map((uri) => ({ uri, name: 'n', text: 't' }));
    expect(parseSpec(spec({ resources })).errors).toEqual([]);
  });
});

describe('SQL text (item 7)', () => {
  it('refuses a NUL inside the statement', () => {
    const { errors } = parseSpec(
      spec(
        { connections: [{ name: 'db', type: 'sqlite', envVar: 'DB' }] },
        { connection: 'db', implementation: { type: 'sql', statement: "SELECT 'a\0b' AS x" } },
      ),
    );
    expect(errors).toEqual([
      expect.objectContaining({ rule: 'sql-parameters', path: 'tools[0].implementation.statement' }),
    ]);
    expect(errors[0]?.message).toMatch(/NUL/);
  });
});
