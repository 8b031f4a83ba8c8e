/**
 * test/tools.test.ts of a generated server (runs with `node --test` after `tsc`): every tool is listed and
 * called through a real MCP client over stdio in both protocol eras, invalid arguments must come back as
 * errors, auth is checked over HTTP when configured, and unwritten handlers are reported as TODO — never as
 * passed. The spec-specific part is one data block (test-cases.ts); the code around it is fixed text.
 */
import type { ServerSpec } from '../../spec/types.js';
import { jsPretty } from '../escape.js';
import { SCRATCH_TYPES, toolCases } from './test-cases.js';

export function toolsTestFile(spec: ServerSpec): string {
  const scratch = spec.connections
    .filter((c) => SCRATCH_TYPES.has(c.type))
    .map((c) => ({ envVar: c.envVar, kind: c.type === 'sqlite' ? 'sqlite' : 'folder', name: c.name }));
  const toolNames = spec.tools.map((t) => t.name).sort();
  return [
    IMPORTS,
    `const SERVER_NAME = ${jsPretty(spec.name)};`,
    `const TOOL_NAMES: string[] = ${jsPretty(toolNames)};`,
    `const TOOLS: ToolCase[] = ${jsPretty(toolCases(spec))};`,
    `const SCRATCH: Scratch[] = ${jsPretty(scratch)};`,
    `const AUTH = ${jsPretty(authData(spec))} as Auth;`,
    '',
    BODY,
  ].join('\n');
}

function authData(spec: ServerSpec): Record<string, unknown> {
  const auth = spec.auth;
  if (auth.type === 'api_key') return { type: auth.type, envVar: auth.envVar, header: auth.header };
  if (auth.type === 'bearer') return { type: auth.type, envVar: auth.envVar, header: 'Authorization' };
  return { type: auth.type };
}

const IMPORTS = `import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, type TestContext, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer } from '../src/lib/main.js';
import { definition } from '../src/server.gen.js';
import { type Connection, connectHttp, connectStdio, ERAS, type Era, inProcessHttpOptions } from './lib/harness.js';

interface ToolCase {
  readonly name: string;
  readonly valid: Record<string, unknown> | null;
  readonly invalid: Record<string, unknown> | null;
  readonly needs: readonly string[];
  readonly writes: boolean;
  readonly handler: boolean;
  readonly structured: boolean;
  readonly paginated: boolean;
  readonly seed: { readonly root: string; readonly path: string; readonly kind: 'file' | 'dir' } | null;
}
interface Scratch {
  readonly envVar: string;
  readonly kind: 'sqlite' | 'folder';
  readonly name: string;
}
type Auth = { readonly type: 'api_key' | 'bearer'; readonly envVar: string; readonly header: string } | { readonly type: 'none' | 'oauth2' };
`;

const BODY = `/** The built entry point (this file runs from dist/test/). */
const ENTRY = fileURLToPath(new URL('../src/index.js', import.meta.url));
const SCRATCH_DIR = mkdtempSync(join(tmpdir(), \`\${SERVER_NAME}-test-\`));
after(() => rmSync(SCRATCH_DIR, { recursive: true, force: true }));

/**
 * The server's environment for one era: SQLite files and file roots always point into a fresh scratch
 * folder (tests never touch real data there); databases and services come from the variables you set.
 */
function serverEnv(era: Era): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of new Set(TOOLS.flatMap((t) => t.needs))) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  for (const s of SCRATCH) {
    const path = join(SCRATCH_DIR, era, s.kind === 'sqlite' ? \`\${s.name}.sqlite\` : s.name);
    mkdirSync(s.kind === 'sqlite' ? dirname(path) : path, { recursive: true });
    env[s.envVar] = path;
  }
  return env;
}

/**
 * The opt-in for tools that may change the database or service your variables point at. The tests drive the
 * server from outside, through a real client, so they cannot roll its writes back: without it they never run.
 */
const WRITES_OPT_IN = 'MCP_TEST_WRITES';

function skipReason(tool: ToolCase): string | false {
  const missing = tool.needs.filter((name) => !process.env[name]);
  if (missing.length > 0) return \`skipped: set \${missing.join(', ')}\`;
  if (tool.writes && process.env[WRITES_OPT_IN] !== '1') {
    return \`skipped: it may change the data behind \${tool.needs.join(', ')}; set \${WRITES_OPT_IN}=1 to call it (against a test database)\`;
  }
  if (tool.valid === null) return 'skipped: no valid sample arguments could be derived from the parameter schemas';
  return false;
}

/** The server's environment without any database or service variable: it can reach none of your data. */
function unconfiguredEnv(era: Era): Record<string, string> {
  const env = serverEnv(era);
  for (const name of TOOLS.flatMap((t) => t.needs)) delete env[name];
  return env;
}

/** File tools read what exists: create the file or folder the sample arguments name. */
function seed(tool: ToolCase, env: Record<string, string>): void {
  const root = tool.seed ? env[tool.seed.root] : undefined;
  if (!tool.seed || root === undefined || tool.seed.path === '' || tool.seed.path === '.') return;
  const target = join(root, tool.seed.path);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(tool.seed.kind === 'dir' ? target : dirname(target), { recursive: true });
  if (tool.seed.kind === 'file') writeFileSync(target, 'example');
}

for (const era of ERAS) {
  describe(\`stdio, \${era} era\`, () => {
    const env = serverEnv(era);
    let connection: Connection;
    let unconfigured: Promise<Connection> | undefined;
    before(async () => {
      connection = await connectStdio({ command: process.execPath, args: [ENTRY], env }, era);
    });
    after(async () => {
      await connection?.close();
      await (await unconfigured)?.close();
    });

    /**
     * Whether the test may call the tool; otherwise it marks the test. A handler that is not written yet is
     * reported as TODO before any missing or withheld setting (setting it would only reveal that): it is
     * asked on a server started without any database or service variable, so nothing real is touched.
     */
    async function mayCall(t: TestContext, tool: ToolCase): Promise<boolean> {
      const reason = skipReason(tool);
      if (reason === false) return true;
      if (tool.handler && tool.valid !== null) {
        unconfigured ??= connectStdio({ command: process.execPath, args: [ENTRY], env: unconfiguredEnv(era) }, era);
        const outcome = await (await unconfigured).call(tool.name, tool.valid);
        if (outcome.status === 'not_implemented') {
          t.todo(outcome.message);
          return false;
        }
      }
      t.skip(reason);
      return false;
    }

    test('lists every tool', async () => {
      assert.deepEqual(await connection.listToolNames(), TOOL_NAMES);
    });

    for (const tool of TOOLS) {
      test(\`\${tool.name}: valid arguments are accepted\`, async (t) => {
        if (!(await mayCall(t, tool))) return;
        seed(tool, env);
        const outcome = await connection.call(tool.name, tool.valid ?? {});
        if (outcome.status === 'not_implemented') {
          t.todo(outcome.message);
          return;
        }
        if (outcome.status === 'error' && outcome.message.startsWith('not found:')) {
          // A lookup on sample data in an empty table: the call worked, the row does not exist.
          t.diagnostic(outcome.message);
          return;
        }
        assert.equal(outcome.status, 'ok', outcome.status === 'error' ? outcome.message : undefined);
        if (tool.structured && outcome.status === 'ok') assert.ok(outcome.structured, 'structuredContent is missing');
      });

      if (tool.paginated) {
        test(\`\${tool.name}: pages with limit and cursor; a forged cursor is refused\`, async (t) => {
          if (!(await mayCall(t, tool))) return;
          const first = await connection.call(tool.name, { ...tool.valid, limit: 1 });
          if (first.status === 'not_implemented') {
            t.todo(first.message);
            return;
          }
          assert.equal(first.status, 'ok', first.status === 'error' ? first.message : undefined);
          const page = first.status === 'ok' ? first.structured : undefined;
          assert.ok(Array.isArray(page?.items) && page.items.length <= 1, 'a page holds at most limit items');
          if (typeof page?.nextCursor === 'string') {
            const next = await connection.call(tool.name, { ...tool.valid, cursor: page.nextCursor });
            assert.equal(next.status, 'ok', next.status === 'error' ? next.message : undefined);
          }
          const forged = await connection.call(tool.name, { ...tool.valid, cursor: 'forged' });
          assert.equal(forged.status, 'error', 'a forged cursor was accepted');
        });
      }

      const invalidSkip = tool.invalid === null ? 'skipped: the tool takes no arguments to get wrong' : false;
      test(\`\${tool.name}: invalid arguments are rejected\`, { skip: invalidSkip }, async () => {
        const outcome = await connection.call(tool.name, tool.invalid ?? {});
        assert.equal(outcome.status, 'error', 'invalid arguments were accepted');
        if (outcome.status === 'error') assert.match(outcome.message, /invalid/i);
      });
    }
  });
}

describe('HTTP', () => {
  const secret = randomBytes(16).toString('hex');
  let server: Awaited<ReturnType<typeof startServer>>;
  before(async () => {
    const env = serverEnv('legacy');
    if (AUTH.type === 'api_key' || AUTH.type === 'bearer') env[AUTH.envVar] = secret;
    server = await startServer(definition, inProcessHttpOptions(env));
  });
  after(async () => {
    await server?.close();
  });

  function credentials(value: string): Record<string, string> {
    if (AUTH.type === 'api_key') return { [AUTH.header]: value };
    if (AUTH.type === 'bearer') return { Authorization: \`Bearer \${value}\` };
    return {};
  }

  // A test cannot mint an OAuth access token; with oauth2 only the refusals below are checked over HTTP.
  const listSkip = AUTH.type === 'oauth2' ? 'skipped: needs an access token from the OAuth issuer' : false;
  for (const era of ERAS) {
    test(\`lists every tool (\${era} era)\`, { skip: listSkip }, async () => {
      const connection = await connectHttp(server.url!, era, { headers: credentials(secret) });
      try {
        assert.deepEqual(await connection.listToolNames(), TOOL_NAMES);
      } finally {
        await connection.close();
      }
    });
  }

  const authSkip = AUTH.type === 'none' ? 'skipped: the spec configures no auth' : false;
  for (const [label, headers] of [
    ['without credentials', {}],
    ['with wrong credentials', AUTH.type === 'oauth2' ? { Authorization: 'Bearer not-a-token' } : credentials('wrong')],
  ] as const) {
    test(\`a request \${label} is refused with 401\`, { skip: authSkip }, async () => {
      const response = await fetch(server.url!, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: {} }),
      });
      assert.equal(response.status, 401);
      await response.body?.cancel();
    });
  }
});
`;
