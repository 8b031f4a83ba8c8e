/**
 * The table of invalid specs: each `given` must produce a diagnostic with the wanted rule, path and line
 * (and, where it matters, message and hint). Lines are 1-based lines of `given`.
 */
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../src/spec/index.js';

interface Want {
  readonly rule: string;
  readonly path: string;
  readonly line: number;
  readonly column?: number;
  readonly severity?: 'error' | 'warning';
  readonly message?: RegExp;
  readonly hint?: RegExp;
}

interface Case {
  readonly name: string;
  readonly given: string;
  readonly want: Want;
}

/** Lines 1–2 of every case. */
const HEAD = 'name: s\nversion: 1.0.0\n';
/** A minimal valid tools list (lines 3–4 when it follows HEAD). */
const TOOL = 'tools:\n  - name: t\n';

const CASES: Case[] = [
  {
    name: 'empty input',
    given: '   \n',
    want: { rule: 'empty-input', path: '(root)', line: 1, message: /empty/ },
  },
  {
    name: 'not a mapping',
    given: 'just some words\n',
    want: { rule: 'not-a-mapping', path: '(root)', line: 1, message: /mapping/ },
  },
  {
    name: 'YAML syntax error with its line (tab indentation)',
    given: `${HEAD}tools:\n\t- name: t\n`,
    want: { rule: 'yaml-syntax', path: '(root)', line: 4, message: /Tabs/ },
  },
  {
    name: 'YAML syntax error with its line (unclosed flow sequence)',
    given: `${HEAD}tools:\n  - name: [t\n  oops: 1\n`,
    want: { rule: 'yaml-syntax', path: '(root)', line: 5, message: /YAML syntax error/ },
  },
  {
    name: 'duplicate YAML key',
    given: `${HEAD}${TOOL}    description: a\n    description: b\n`,
    want: {
      rule: 'duplicate-key',
      path: 'tools[0].description',
      line: 6,
      column: 5,
      message: /duplicate key `description`/,
    },
  },
  {
    name: '__proto__ key anywhere',
    given: `${HEAD}${TOOL}    parameters:\n      __proto__: { type: string }\n`,
    want: { rule: 'forbidden-key', path: 'tools[0].parameters.__proto__', line: 6, column: 7 },
  },
  {
    name: 'constructor key',
    given: `${HEAD}constructor: x\n${TOOL}`,
    want: { rule: 'forbidden-key', path: 'constructor', line: 3 },
  },
  {
    name: 'unknown top-level key with did-you-mean',
    given: `${HEAD}tool:\n  - name: t\n`,
    want: {
      rule: 'structure',
      path: 'tool',
      line: 3,
      column: 1,
      message: /unknown key `tool`/,
      hint: /did you mean `tools`/,
    },
  },
  {
    name: 'missing tools',
    given: HEAD,
    want: { rule: 'structure', path: 'tools', line: 1, message: /missing required key `tools`/ },
  },
  {
    name: 'unknown key in a parameter',
    given: `${HEAD}${TOOL}    parameters:\n      q: { type: string, requird: true }\n`,
    want: {
      rule: 'structure',
      path: 'tools[0].parameters.q.requird',
      line: 6,
      hint: /did you mean `required`/,
    },
  },
  {
    name: 'unknown key inside an implementation (member chosen by type)',
    given: `${HEAD}${TOOL}    connection: db\n    implementation:\n      type: sql\n      statment: SELECT 1\nconnections:\n  - { name: db, type: sqlite, envVar: DB }\n`,
    want: {
      rule: 'structure',
      path: 'tools[0].implementation.statment',
      line: 8,
      hint: /did you mean `statement`/,
    },
  },
  {
    name: 'unknown parameter type',
    given: `${HEAD}${TOOL}    parameters:\n      q:\n        type: strin\n`,
    want: {
      rule: 'structure',
      path: 'tools[0].parameters.q.type',
      line: 7,
      column: 15,
      message: /unknown parameter type `strin`/,
      hint: /did you mean `string`/,
    },
  },
  {
    name: 'unknown trigger type',
    given: `${HEAD}${TOOL}triggers:\n  - type: cronn\n    tool: t\n`,
    want: {
      rule: 'structure',
      path: 'triggers[0].type',
      line: 6,
      message: /unknown trigger type `cronn`/,
      hint: /did you mean `cron`/,
    },
  },
  {
    name: 'unsafe server name',
    given: `name: My Server\nversion: 1.0.0\n${TOOL}`,
    want: { rule: 'structure', path: 'name', line: 1, column: 7, message: /lowercase/ },
  },
  {
    name: 'unsafe tool name',
    given: `${HEAD}tools:\n  - name: "../etc"\n`,
    want: { rule: 'structure', path: 'tools[0].name', line: 4, message: /letters, digits/ },
  },
  {
    name: 'tool name over 64 characters is a warning',
    given: `${HEAD}tools:\n  - name: ${'x'.repeat(65)}\n`,
    want: { rule: 'long-tool-name', path: 'tools[0].name', line: 4, severity: 'warning' },
  },
  {
    name: 'non-semver version',
    given: `name: s\nversion: "1.0"\n${TOOL}`,
    want: { rule: 'semver-version', path: 'version', line: 2, hint: /1\.0\.0/ },
  },
  {
    name: 'trigger naming an unknown tool',
    given: `${HEAD}${TOOL}triggers:\n  - type: startup\n    tool: sync_catalog\n`,
    want: { rule: 'unknown-tool', path: 'triggers[0].tool', line: 7, message: /sync_catalog/ },
  },
  {
    name: 'tool naming an unknown connection',
    given: `${HEAD}${TOOL}    connection: inventry_db\nconnections:\n  - { name: inventory_db, type: postgresql, envVar: DATABASE_URL }\n`,
    want: {
      rule: 'unknown-connection',
      path: 'tools[0].connection',
      line: 5,
      hint: /did you mean `inventory_db`/,
    },
  },
  {
    name: 'duplicate tool name',
    given: `${HEAD}${TOOL}  - name: t\n`,
    want: { rule: 'duplicate-name', path: 'tools[1].name', line: 5, message: /duplicate tool name `t`/ },
  },
  {
    name: 'duplicate connection name',
    given: `${HEAD}${TOOL}connections:\n  - { name: db, type: redis, envVar: A }\n  - { name: db, type: redis, envVar: B }\n`,
    want: { rule: 'duplicate-name', path: 'connections[1].name', line: 7 },
  },
  {
    name: 'duplicate webhook path',
    given: `${HEAD}${TOOL}triggers:\n  - { type: webhook, path: /hook, tool: t }\n  - { type: webhook, path: /hook/, tool: t }\n`,
    want: { rule: 'duplicate-webhook-path', path: 'triggers[1].path', line: 7 },
  },
  {
    name: 'default of the wrong type',
    given: `${HEAD}${TOOL}    parameters:\n      limit: { type: integer, default: "fifty" }\n`,
    want: {
      rule: 'parameter-consistency',
      path: 'tools[0].parameters.limit.default',
      line: 6,
      message: /is not an integer/,
    },
  },
  {
    name: 'default outside the enum',
    given: `${HEAD}${TOOL}    parameters:\n      c:\n        type: string\n        enum: [a, b]\n        default: z\n`,
    want: { rule: 'parameter-consistency', path: 'tools[0].parameters.c.default', line: 9, message: /enum/ },
  },
  {
    name: 'invalid cron expression',
    given: `${HEAD}${TOOL}triggers:\n  - type: cron\n    schedule: "61 * * * *"\n    tool: t\n`,
    want: { rule: 'cron-schedule', path: 'triggers[0].schedule', line: 7, message: /minute/ },
  },
  {
    name: 'invalid timezone',
    given: `${HEAD}${TOOL}triggers:\n  - type: cron\n    schedule: "@daily"\n    timezone: Mars/Olympus\n    tool: t\n`,
    want: { rule: 'cron-schedule', path: 'triggers[0].timezone', line: 8, message: /timezone/ },
  },
  {
    name: 'URL with a password',
    given: `${HEAD}${TOOL}    description: uses postgres://app:hunter2@db/prod\n`,
    want: {
      rule: 'secret-literal',
      path: 'tools[0].description',
      line: 5,
      message: /URL with a password/,
      hint: /env/,
    },
  },
  {
    name: 'GitHub token in a header',
    given: `${HEAD}${TOOL}connections:\n  - name: gh\n    type: http\n    envVar: GH_URL\n    headers:\n      X-Token: ghp_abcdefghijklmnopqrstuvwxyz0123456789\n`,
    want: {
      rule: 'secret-literal',
      path: 'connections[0].headers.X-Token',
      line: 10,
      message: /GitHub token/,
    },
  },
  {
    name: 'value of a key named like a password',
    given: `${HEAD}${TOOL}    parameters:\n      password: { type: string, default: "correct horse" }\n`,
    want: { rule: 'secret-literal', path: 'tools[0].parameters.password.default', line: 6 },
  },
  {
    name: 'auth on stdio is a warning',
    given: `${HEAD}auth: { type: bearer }\n${TOOL}`,
    want: { rule: 'auth-transport', path: 'auth', line: 3, severity: 'warning' },
  },
  {
    name: 'oauth2 on stdio is an error',
    given: `${HEAD}auth:\n  type: oauth2\n  issuer: https://id.example.com\n  audience: https://mcp.example.com\n${TOOL}`,
    want: { rule: 'auth-transport', path: 'auth.type', line: 4, message: /oauth2 needs the http transport/ },
  },
  {
    name: 'http block on stdio without webhooks',
    given: `${HEAD}http: { port: 8080 }\n${TOOL}`,
    want: { rule: 'http-on-stdio', path: 'http', line: 3, severity: 'warning' },
  },
  {
    name: 'pagination on a tool that does not return an array',
    given: `${HEAD}${TOOL}    returns: { type: object }\n    pagination: { pageSize: 10 }\n`,
    want: { rule: 'pagination-without-list', path: 'tools[0].pagination', line: 6, severity: 'warning' },
  },
  {
    name: 'SQL parameter that is not a tool parameter (casts and quotes ignored)',
    given: `${HEAD}connections:\n  - { name: db, type: postgresql, envVar: DATABASE_URL }\ntools:\n  - name: t\n    connection: db\n    parameters: { id: { type: integer } }\n    implementation:\n      type: sql\n      statement: "SELECT ':nope', x::text FROM t WHERE id = :id AND k = :kind"\n`,
    want: { rule: 'sql-parameters', path: 'tools[0].implementation.statement', line: 11, message: /`:kind`/ },
  },
  {
    name: 'http path placeholder that is not a parameter',
    given: `${HEAD}connections:\n  - { name: api, type: http, envVar: API_URL }\ntools:\n  - name: t\n    connection: api\n    implementation: { type: http, path: "/users/{user_id}" }\n`,
    want: { rule: 'http-parameters', path: 'tools[0].implementation.path', line: 8, message: /\{user_id\}/ },
  },
  {
    name: 'sql implementation on an http connection',
    given: `${HEAD}connections:\n  - { name: api, type: http, envVar: API_URL }\ntools:\n  - name: t\n    connection: api\n    implementation: { type: sql, statement: SELECT 1 }\n`,
    want: {
      rule: 'implementation-connection',
      path: 'tools[0].connection',
      line: 7,
      message: /connection `api` is http/,
    },
  },
  {
    name: 'sql implementation without a connection',
    given: `${HEAD}${TOOL}    implementation:\n      type: sql\n      statement: SELECT 1\n`,
    want: {
      rule: 'implementation-connection',
      path: 'tools[0].implementation.type',
      line: 6,
      message: /no `connection`/,
    },
  },
  {
    name: 'queue trigger on a connection of the wrong kind',
    given: `${HEAD}${TOOL}connections:\n  - { name: mq, type: rabbitmq, envVar: AMQP_URL }\ntriggers:\n  - { type: queue, kind: redis-list, connection: mq, queue: jobs, tool: t }\n`,
    want: { rule: 'trigger-connection', path: 'triggers[0].connection', line: 8, message: /redis/ },
  },
  {
    name: 'database trigger on a non-PostgreSQL connection',
    given: `${HEAD}${TOOL}connections:\n  - { name: db, type: mysql, envVar: MYSQL_URL }\ntriggers:\n  - type: database\n    connection: db\n    channel: changes\n    tool: t\n`,
    want: { rule: 'trigger-connection', path: 'triggers[0].connection', line: 9, message: /postgresql/ },
  },
  {
    name: 'trigger argument that is not a tool parameter',
    given: `${HEAD}${TOOL}    parameters: { sku: { type: string } }\ntriggers:\n  - type: webhook\n    path: /h\n    tool: t\n    arguments:\n      skus: { from: body.sku }\n`,
    want: {
      rule: 'trigger-arguments',
      path: 'triggers[0].arguments.skus',
      line: 11,
      column: 7,
      hint: /did you mean `sku`/,
    },
  },
  {
    name: 'required parameter a trigger never provides (warning)',
    given: `${HEAD}${TOOL}    parameters: { sku: { type: string, required: true } }\ntriggers:\n  - type: startup\n    tool: t\n`,
    want: {
      rule: 'trigger-arguments',
      path: 'triggers[0].arguments',
      line: 7,
      severity: 'warning',
      message: /`sku`/,
    },
  },
  {
    name: 'file implementation whose path parameter does not exist',
    given: `${HEAD}connections:\n  - { name: files, type: filesystem, envVar: FILES_ROOT }\ntools:\n  - name: t\n    connection: files\n    implementation:\n      type: file\n      operation: read\n      pathParameter: file\n`,
    want: { rule: 'file-parameters', path: 'tools[0].implementation.pathParameter', line: 11 },
  },
  {
    name: 'env var reused for different purposes (warning)',
    given: `${HEAD}transport: http\nauth: { type: api_key, envVar: DATABASE_URL }\nconnections:\n  - { name: db, type: postgresql, envVar: DATABASE_URL }\n${TOOL}`,
    want: { rule: 'env-var-reuse', path: 'connections[0].envVar', line: 6, severity: 'warning' },
  },
  {
    name: 'invalid regular expression in a pattern',
    given: `${HEAD}${TOOL}    parameters:\n      code: { type: string, pattern: "([a-z" }\n`,
    want: { rule: 'parameter-consistency', path: 'tools[0].parameters.code.pattern', line: 6 },
  },
  {
    name: 'string where a number is expected',
    given: `${HEAD}http: { port: "eighty" }\ntransport: http\n${TOOL}`,
    want: { rule: 'structure', path: 'http.port', line: 3, message: /port must be a number, not string/ },
  },
  {
    name: 'trigger argument with a misspelt source key',
    given: `${HEAD}${TOOL}    parameters: { sku: { type: string } }\ntriggers:\n  - type: startup\n    tool: t\n    arguments:\n      sku: { frm: body.sku }\n`,
    want: { rule: 'structure', path: 'triggers[0].arguments.sku.frm', line: 10, hint: /did you mean `from`/ },
  },
  {
    name: 'webhook path taken by the server itself',
    given: `${HEAD}${TOOL}triggers:\n  - { type: webhook, path: /healthz, tool: t }\n`,
    want: { rule: 'reserved-webhook-path', path: 'triggers[0].path', line: 6 },
  },
  {
    name: 'http server on all interfaces without auth (warning)',
    given: `${HEAD}transport: http\nhttp: { host: 0.0.0.0 }\n${TOOL}`,
    want: { rule: 'open-without-auth', path: 'http.host', line: 4, severity: 'warning' },
  },
  {
    name: 'writing SQL through a read-only connection',
    given: `${HEAD}connections:\n  - { name: db, type: sqlite, envVar: DB, readOnly: true }\ntools:\n  - name: t\n    connection: db\n    implementation: { type: sql, statement: "DELETE FROM notes", result: affected }\n`,
    want: { rule: 'write-through-read-only', path: 'tools[0].implementation', line: 8 },
  },
  {
    name: 'prompt placeholder that is not an argument',
    given: `${HEAD}${TOOL}prompts:\n  - name: p\n    arguments: [{ name: topic }]\n    text: "Write about {topc}"\n`,
    want: { rule: 'prompt-placeholders', path: 'prompts[0].text', line: 8, hint: /did you mean `topic`/ },
  },
  {
    name: 'graphql implementation on a postgresql connection',
    given: `${HEAD}connections:\n  - { name: db, type: postgresql, envVar: DATABASE_URL }\ntools:\n  - name: t\n    connection: db\n    implementation: { type: graphql, document: "{ a }" }\n`,
    want: { rule: 'implementation-connection', path: 'tools[0].connection', line: 7, hint: /graphql/ },
  },
  {
    name: 'http query list naming an unknown parameter',
    given: `${HEAD}connections:\n  - { name: api, type: http, envVar: API_URL }\ntools:\n  - name: t\n    connection: api\n    parameters: { q: { type: string } }\n    implementation:\n      type: http\n      query: [q, page]\n`,
    want: { rule: 'http-parameters', path: 'tools[0].implementation.query[1]', line: 11 },
  },
  {
    name: 'unknown implementation type',
    given: `${HEAD}${TOOL}    implementation: { type: python }\n`,
    want: {
      rule: 'structure',
      path: 'tools[0].implementation.type',
      line: 5,
      message: /unknown implementation type `python`/,
    },
  },
  {
    name: 'unknown connection type with a synonym hint',
    given: `${HEAD}${TOOL}connections:\n  - { name: db, type: postgres, envVar: DATABASE_URL }\n`,
    want: { rule: 'structure', path: 'connections[0].type', line: 6, hint: /did you mean `postgresql`/ },
  },
  {
    name: 'paginated tool with its own limit parameter',
    given: `${HEAD}${TOOL}    parameters:\n      limit: { type: integer }\n    pagination: { pageSize: 10 }\n`,
    want: { rule: 'pagination-inputs', path: 'tools[0].parameters.limit', line: 6, column: 7 },
  },
  {
    name: 'paginated SQL with its own LIMIT',
    given: `${HEAD}connections:\n  - { name: db, type: sqlite, envVar: DB }\ntools:\n  - name: t\n    connection: db\n    pagination: { pageSize: 10 }\n    implementation: { type: sql, statement: "SELECT * FROM notes LIMIT 5" }\n`,
    want: { rule: 'paginated-sql-limit', path: 'tools[0].implementation.statement', line: 9 },
  },
  {
    name: 'pagination key on a tool that is not SQL',
    given: `${HEAD}${TOOL}    pagination: { pageSize: 10, key: id }\n`,
    want: {
      rule: 'pagination-key',
      path: 'tools[0].pagination.key',
      line: 5,
      message: /needs a SQL implementation/,
    },
  },
  {
    name: 'pagination key on SQL that pages itself',
    given: `${HEAD}connections:\n  - { name: db, type: sqlite, envVar: DB }\ntools:\n  - name: t\n    connection: db\n    pagination: { pageSize: 10, key: id }\n    implementation: { type: sql, statement: "SELECT id FROM notes LIMIT :limit OFFSET :offset" }\n`,
    want: { rule: 'pagination-key', path: 'tools[0].pagination.key', line: 8, message: /binds `:limit`/ },
  },
  {
    name: 'pagination key that is not a column name',
    given: `${HEAD}connections:\n  - { name: db, type: sqlite, envVar: DB }\ntools:\n  - name: t\n    connection: db\n    pagination: { pageSize: 10, key: "id; DROP TABLE notes" }\n    implementation: { type: sql, statement: "SELECT id FROM notes" }\n`,
    want: { rule: 'structure', path: 'tools[0].pagination.key', line: 8 },
  },
  {
    name: 'GET request with a body',
    given: `${HEAD}connections:\n  - { name: api, type: http, envVar: API_URL }\ntools:\n  - name: t\n    connection: api\n    parameters: { q: { type: string } }\n    implementation: { type: http, method: GET, body: [q] }\n`,
    want: {
      rule: 'http-parameters',
      path: 'tools[0].implementation.body',
      line: 9,
      message: /cannot carry a body/,
    },
  },
  {
    name: 'optional path parameter (warning)',
    given: `${HEAD}connections:\n  - { name: api, type: http, envVar: API_URL }\ntools:\n  - name: t\n    connection: api\n    parameters:\n      id: { type: string }\n    implementation: { type: http, path: "/items/{id}" }\n`,
    want: { rule: 'http-parameters', path: 'tools[0].parameters.id', line: 9, severity: 'warning' },
  },
  {
    name: 'version written as a YAML number',
    given: `name: s\nversion: 1.0\n${TOOL}`,
    want: {
      rule: 'structure',
      path: 'version',
      line: 2,
      column: 10,
      message: /version must be a string, not number/,
      hint: /quotes/,
    },
  },
  {
    name: 'env var reserved by the runtime',
    given: `${HEAD}connections:\n  - { name: db, type: postgresql, envVar: MCP_PORT }\n${TOOL}`,
    want: { rule: 'reserved-env-var', path: 'connections[0].envVar', line: 4, message: /reserved/ },
  },
  {
    name: 'pages larger than the connection returns (warning)',
    given: `${HEAD}connections:\n  - { name: db, type: sqlite, envVar: DB, maxRows: 100 }\ntools:\n  - name: t\n    connection: db\n    pagination: { pageSize: 50 }\n    implementation: { type: sql, statement: "SELECT * FROM notes" }\n`,
    want: {
      rule: 'page-larger-than-max-rows',
      path: 'tools[0].pagination',
      line: 8,
      severity: 'warning',
      hint: /maxRows/,
    },
  },
  {
    name: 'read-only and destructive at once (warning)',
    given: `${HEAD}${TOOL}    annotations: { readOnly: true, destructive: true }\n`,
    want: { rule: 'contradictory-annotations', path: 'tools[0].annotations', line: 5, severity: 'warning' },
  },
  {
    name: 'argument read from a field the event does not have',
    given: `${HEAD}${TOOL}    parameters: { sku: { type: string } }\ntriggers:\n  - type: webhook\n    path: /h\n    tool: t\n    arguments:\n      sku: { from: bdy.sku }\n`,
    want: {
      rule: 'trigger-event-paths',
      path: 'triggers[0].arguments.sku.from',
      line: 11,
      hint: /did you mean `body`/,
    },
  },
  {
    name: 'webhook header read with upper-case letters',
    given: `${HEAD}${TOOL}    parameters: { id: { type: string } }\ntriggers:\n  - type: webhook\n    path: /h\n    tool: t\n    arguments:\n      id: { from: headers.X-Request-Id }\n`,
    want: {
      rule: 'trigger-event-paths',
      path: 'triggers[0].arguments.id.from',
      line: 11,
      hint: /headers\.x-request-id/,
    },
  },
  {
    name: 'tool named constructor',
    given: `${HEAD}tools:\n  - name: constructor\n`,
    want: { rule: 'reserved-name', path: 'tools[0].name', line: 4, column: 11 },
  },
];

describe('invalid specs', () => {
  it('has at least 30 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(CASES)('$name', ({ given, want }) => {
    const result = parseSpec(given);
    const all = [...result.errors, ...result.warnings];
    const match = all.find((d) => d.rule === want.rule && d.path === want.path);
    expect(match, `no ${want.rule} at ${want.path}; got:\n${JSON.stringify(all, null, 2)}`).toBeDefined();
    expect(match!.severity).toBe(want.severity ?? 'error');
    expect(match!.line).toBe(want.line);
    if (want.column !== undefined) expect(match!.column).toBe(want.column);
    if (want.message) expect(match!.message).toMatch(want.message);
    if (want.hint) expect(match!.hint).toMatch(want.hint);
    if ((want.severity ?? 'error') === 'error') expect(result.spec).toBeUndefined();
  });
});
