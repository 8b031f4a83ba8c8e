/**
 * Issue 11 item 4, runtime half: a spec `pattern` with catastrophic backtracking (`^(a+)+$`) must not let one
 * 31-byte argument freeze a generated server. The server is generated, run on Streamable HTTP, called by a
 * real MCP client, and /healthz is polled while the hostile call is in flight. With V8's RegExp the call
 * held the event loop for about 20 s; with re2js (linear time) it answers in milliseconds.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generatedServer,
  generateInto,
  parseValidSpec,
  removeDir,
  tempDir,
  transpileProject,
} from './lib/generated-server.js';
import { type RunningHttpServer, startHttpServer } from './lib/http-server.js';
import { connectHttp, type TestClient } from './lib/mcp-clients.js';

const SPEC = `
name: redos
version: 1.0.0
transport: http
tools:
  - name: check_code
    description: Checks codes made of a.
    parameters:
      code: { type: string, required: true, pattern: "^(a+)+$" }
      more: { type: array, items: { type: string, pattern: "^(a|aa)+$" } }
`;
const HOSTILE = `${'a'.repeat(30)}!`;

let parent: string;
let dir: string;
let server: RunningHttpServer;
let client: TestClient;

beforeAll(async () => {
  parent = await tempDir('redos');
  const spec = parseValidSpec(SPEC);
  dir = await generateInto(spec, parent);
  await transpileProject(dir);
  const subject = generatedServer({
    id: 'redos',
    label: 'redos',
    spec,
    dir,
    sampleCall: { tool: 'check_code', arguments: { code: 'a' }, expected: {} },
  });
  server = await startHttpServer(subject);
  client = await connectHttp('v2-legacy', server.url);
}, 60_000);

afterAll(async () => {
  await client?.close();
  await server?.stop();
  if (parent) await removeDir(parent);
});

/** Polls /healthz until `done` settles; resolves to the slowest answer in ms. */
async function slowestHealth(done: Promise<unknown>): Promise<number> {
  let finished = false;
  void done.finally(() => {
    finished = true;
  });
  let slowest = 0;
  const health = `http://127.0.0.1:${server.port}/healthz`;
  while (!finished) {
    const started = performance.now();
    const response = await fetch(health, { signal: AbortSignal.timeout(5_000) });
    expect(response.status).toBe(200);
    slowest = Math.max(slowest, performance.now() - started);
    await new Promise((r) => setTimeout(r, 5));
  }
  return slowest;
}

describe('a catastrophic pattern in a generated server', () => {
  it('refuses a hostile argument at once while /healthz stays responsive', async () => {
    const started = performance.now();
    const call = client.callTool('check_code', { code: HOSTILE, more: [HOSTILE, HOSTILE] });
    const [outcome, slowest] = await Promise.all([call, slowestHealth(call)]);
    const elapsed = performance.now() - started;
    expect(outcome.isError).toBe(true);
    expect(outcome.text).toMatch(/invalid|pattern/i);
    expect(elapsed).toBeLessThan(1_000);
    expect(slowest).toBeLessThan(500);
  });

  it('still matches what the pattern allows (validation passes, the stub answers)', async () => {
    const outcome = await client.callTool('check_code', { code: 'aaaa', more: ['aa'] });
    expect(outcome.text).not.toMatch(/invalid/i);
  });

  it('advertises the pattern in the tool schema and depends on re2js', async () => {
    const [tool] = await client.listTools();
    expect(tool?.inputSchema.properties?.code).toMatchObject({ pattern: '^(a+)+$' });
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    expect(Object.keys(pkg.dependencies)).toContain('re2js');
  });
});
