/**
 * Hostile callers at the MCP listener's door: every route (not only /mcp) is behind the Host/Origin guard,
 * an absolute-form request target is a 400 (it was a 500), and /metrics takes a token when one is set.
 * A real listener, real sockets; a webhook mounted beside /mcp shows that a refused request runs nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition } from '../fixtures/notes/src/server.gen.js';
import { type RunningServer, startServer } from '../lib/main.js';
import { inProcessHttpOptions } from '../testing/harness.js';
import { startTriggers } from '../triggers/index.js';
import { recordingTool, testRuntime } from '../triggers/testing/recording-tool.js';
import { rawExchange, rawRequest, tempDir } from './helpers.js';

const METRICS_TOKEN = 'metrics-token-for-tests';
const dir = tempDir('guard');
const tool = recordingTool();
let server: RunningServer;
let stopTriggers: () => Promise<void>;

beforeAll(async () => {
  const { runtime, router } = testRuntime(tool);
  const triggers = await startTriggers(
    [
      {
        type: 'webhook',
        tool: 'record',
        path: '/hooks/open',
        arguments: {},
        retry: { attempts: 1, backoffMs: 0 },
        maxBodyBytes: 1024,
      },
    ],
    runtime,
  );
  stopTriggers = () => triggers.stop();
  server = await startServer(definition, {
    ...inProcessHttpOptions({ NOTES_DB: `${dir.path}/notes.db`, MCP_METRICS_TOKEN: METRICS_TOKEN }),
    routes: [router.route],
  });
});
afterAll(async () => {
  await stopTriggers?.();
  await server?.close();
  dir.remove();
});

const at = (path: string) => `http://127.0.0.1:${server.port}${path}`;

describe('every route is behind the Host and Origin guard', () => {
  it.each([
    ['GET', '/healthz'],
    ['GET', '/metrics'],
    ['GET', '/.well-known/oauth-protected-resource'],
    ['POST', '/hooks/open'],
    ['GET', '/nowhere'],
  ])('%s %s: a foreign Host or Origin gets 403', async (method, path) => {
    const headers = { authorization: `Bearer ${METRICS_TOKEN}`, 'content-type': 'application/json' };
    const body = method === 'POST' ? '{}' : undefined;
    const host = await rawRequest(at(path), {
      method,
      headers: { ...headers, host: 'evil.example' },
      body,
    });
    expect(host.status).toBe(403);
    const origin = await rawRequest(at(path), {
      method,
      headers: { ...headers, origin: 'http://evil.example' },
      body,
    });
    expect(origin.status).toBe(403);
  });

  it('a refused webhook runs nothing; the same request from a local Host does', async () => {
    const before = tool.calls.length;
    await rawRequest(at('/hooks/open'), { method: 'POST', headers: { host: 'evil.example' }, body: '{}' });
    await new Promise((r) => setTimeout(r, 50));
    expect(tool.calls.length).toBe(before);
    expect((await rawRequest(at('/hooks/open'), { method: 'POST', body: '{}' })).status).toBe(202);
    await tool.waitForCalls(before + 1);
  });
});

describe('absolute-form request targets', () => {
  it.each(['/mcp', '/healthz', '/hooks/open'])(
    'POST http://evil.example%s gets 400, not 500',
    async (path) => {
      const answer = await rawExchange(
        server.port as number,
        `POST http://evil.example${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
      );
      expect(answer).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer).toContain('the request target must be a path');
    },
  );

  it('the listener still serves ordinary requests afterwards', async () => {
    expect((await rawRequest(at('/healthz'))).status).toBe(200);
  });
});

describe('/metrics with MCP_METRICS_TOKEN set', () => {
  it('answers 401 without the token or with a wrong one, 200 with it', async () => {
    const none = await rawRequest(at('/metrics'));
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(none.body).not.toContain(METRICS_TOKEN);
    const wrong = await rawRequest(at('/metrics'), { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const right = await rawRequest(at('/metrics'), { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(right.status).toBe(200);
    expect(JSON.parse(right.body)).toMatchObject({ name: 'notes', tools: expect.any(Object) });
  });

  it('/healthz needs no token', async () => {
    expect((await rawRequest(at('/healthz'))).status).toBe(200);
  });
});
