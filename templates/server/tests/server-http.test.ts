/**
 * The fixture server in-process over Streamable HTTP, with real MCP clients in both protocol eras:
 * tools of every implementation type, pagination, errors, Host/Origin checks, /healthz, /metrics and
 * graceful shutdown.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definition } from '../fixtures/notes/src/server.gen.js';
import { defineTool, type ServerDefinition } from '../lib/contract.js';
import { type RunningServer, startServer } from '../lib/main.js';
import { connectHttp, ERAS, inProcessHttpOptions } from '../testing/harness.js';
import {
  initializeBody,
  MCP_POST_HEADERS,
  rawRequest,
  sendJson,
  startUpstream,
  tempDir,
  withConfig,
} from './helpers.js';

const dir = tempDir('http');
let upstream: Awaited<ReturnType<typeof startUpstream>>;
let server: RunningServer;
let env: Record<string, string>;

beforeAll(async () => {
  mkdirSync(join(dir.path, 'shared'));
  writeFileSync(join(dir.path, 'shared', 'readme.txt'), 'shared text');
  upstream = await startUpstream((req, _body, res) => {
    if (req.headers.authorization !== 'Bearer weather-token')
      return sendJson(res, 401, { error: 'bad token' });
    const city = decodeURIComponent((req.url ?? '').split('/').pop()?.split('?')[0] ?? '');
    if (city === 'Atlantis') return sendJson(res, 500, { error: 'sunk' });
    sendJson(res, 200, { current: { temperature: 21.5, conditions: `sunny in ${city}` } });
  });
  env = {
    NOTES_DB: join(dir.path, 'notes.db'),
    WEATHER_API_URL: `${upstream.url}/`,
    WEATHER_API_TOKEN: 'weather-token',
    NOTES_FILES_ROOT: join(dir.path, 'shared'),
  };
  server = await startServer(definition, inProcessHttpOptions(env));
});
afterAll(async () => {
  await server?.close();
  await upstream?.close();
  dir.remove();
});

describe.each(ERAS)('HTTP, %s era', (era) => {
  it('negotiates the era and lists every tool', async () => {
    const conn = await connectHttp(server.url as string, era);
    expect(conn.protocolVersion).toBe(era === 'modern' ? '2026-07-28' : '2025-11-25');
    expect(await conn.listToolNames()).toEqual(definition.tools.map((t) => t.name).sort());
    await conn.close();
  });

  it('runs SQL tools and pages through results with an opaque cursor', async () => {
    const conn = await connectHttp(server.url as string, era);
    const tag = `${era}-${Date.now()}`;
    for (const n of [1, 2, 3]) {
      const added = await conn.call('add_note', { title: `${tag} ${n}`, body: 'b' });
      expect(added.status).toBe('ok');
      if (added.status === 'ok') expect(JSON.parse(added.text)).toEqual(added.structured);
    }
    const titles: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await conn.call('list_notes', { query: tag, ...(cursor ? { cursor } : {}) });
      if (page.status !== 'ok') throw new Error(`list_notes failed: ${JSON.stringify(page)}`);
      const data = page.structured as { items: { title: string }[]; nextCursor?: string };
      titles.push(...data.items.map((i) => i.title));
      cursor = data.nextCursor;
      pages++;
    } while (cursor);
    expect(titles).toEqual([`${tag} 1`, `${tag} 2`, `${tag} 3`]);
    expect(pages).toBe(2);
    expect(await conn.call('list_notes', { cursor: 'not-a-cursor' })).toMatchObject({
      status: 'error',
      message: 'invalid cursor',
    });
    await conn.close();
  });

  it('calls the upstream HTTP API with credentials from env', async () => {
    const conn = await connectHttp(server.url as string, era);
    expect(await conn.call('get_weather', { city: 'Köln' })).toMatchObject({
      status: 'ok',
      structured: { temperature: 21.5, conditions: 'sunny in Köln' },
    });
    const failed = await conn.call('get_weather', { city: 'Atlantis' });
    expect(failed).toMatchObject({ status: 'error' });
    expect(failed.status === 'error' && failed.message).toMatch(/^upstream "weather" answered 500/);
    await conn.close();
  });

  it('reads files below the root and refuses to leave it', async () => {
    const conn = await connectHttp(server.url as string, era);
    expect(await conn.call('read_shared_file', { path: 'readme.txt' })).toMatchObject({
      status: 'ok',
      structured: { content: 'shared text' },
    });
    expect(await conn.call('list_shared_files', {})).toMatchObject({
      status: 'ok',
      structured: { items: [{ name: 'readme.txt', type: 'file' }] },
    });
    expect(await conn.call('read_shared_file', { path: '../notes.db' })).toMatchObject({ status: 'error' });
    await conn.close();
  });

  it('returns validation errors, tool errors and stubs as isError results; unknown tools stay protocol errors', async () => {
    const conn = await connectHttp(server.url as string, era);
    expect(await conn.call('get_note', { id: 'seven' })).toMatchObject({ status: 'error' });
    expect(await conn.call('get_note', { id: 999_999 })).toMatchObject({
      status: 'error',
      message: 'not found: the query returned no rows',
    });
    expect(await conn.call('translate_note', { id: 1, language: 'de' })).toMatchObject({
      status: 'not_implemented',
    });
    expect(await conn.call('word_count', { text: 'one two  three' })).toMatchObject({
      status: 'ok',
      structured: { words: 3, characters: 14 },
    });
    await expect(conn.call('no_such_tool', {})).rejects.toThrow(/not found/i);
    await conn.close();
  });

  it('serves resources and prompts', async () => {
    const conn = await connectHttp(server.url as string, era);
    const resource = await conn.client.readResource({ uri: 'notes://schema' });
    expect(resource.contents[0]).toMatchObject({
      uri: 'notes://schema',
      text: expect.stringContaining('notes('),
    });
    const prompt = await conn.client.getPrompt({ name: 'summarize_note', arguments: { id: '7' } });
    expect(prompt.messages[0]?.content).toEqual({
      type: 'text',
      text: 'Read note 7 with get_note and summarize it in one line.',
    });
    await conn.close();
  });
});

describe('HTTP endpoints', () => {
  it('answers /healthz and /metrics with JSON', async () => {
    const health = await rawRequest(server.url?.replace('/mcp', '/healthz') as string);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({
      status: 'ok',
      name: 'notes',
      version: '1.0.0',
      tools: definition.tools.length,
    });
    const metrics = JSON.parse((await rawRequest(server.url?.replace('/mcp', '/metrics') as string)).body);
    expect(metrics.tools.add_note.calls).toBeGreaterThanOrEqual(6);
    expect(metrics.tools.get_note.errors).toBeGreaterThanOrEqual(2);
    expect(metrics.tools.word_count.avgMs).toBeGreaterThanOrEqual(0);
  });

  it('rejects a foreign Host (DNS rebinding) and a foreign Origin with 403', async () => {
    const url = server.url as string;
    const post = (headers: Record<string, string>) =>
      rawRequest(url, {
        method: 'POST',
        headers: { ...MCP_POST_HEADERS, ...headers },
        body: initializeBody(),
      });
    expect((await post({ host: 'evil.example.com' })).status).toBe(403);
    expect((await post({ origin: 'http://evil.example.com' })).status).toBe(403);
    expect((await post({ origin: 'null' })).status).toBe(403);
    expect((await post({ origin: `http://localhost:${server.port}` })).status).toBe(200);
    expect((await post({})).status).toBe(200);
  });

  it('accepts configured extra hosts and origins', async () => {
    const custom = withConfig(definition, {
      http: {
        host: '127.0.0.1',
        port: 0,
        allowedHosts: ['mcp.example.com:443'],
        allowedOrigins: ['https://app.example.com'],
      },
    });
    const other = await startServer(custom, inProcessHttpOptions(env));
    try {
      const post = (headers: Record<string, string>) =>
        rawRequest(other.url as string, {
          method: 'POST',
          headers: { ...MCP_POST_HEADERS, ...headers },
          body: initializeBody(),
        });
      expect((await post({ host: 'mcp.example.com', origin: 'https://app.example.com' })).status).toBe(200);
      expect((await post({ host: 'other.example.com' })).status).toBe(403);
    } finally {
      await other.close();
    }
  });

  it('never shows a connection string or secret in an error', async () => {
    const closed = await startUpstream(() => undefined);
    await closed.close();
    const leaky = await startServer(
      definition,
      inProcessHttpOptions({
        ...env,
        WEATHER_API_URL: closed.url.replace('http://', 'http://admin:hunter2pass@'),
        WEATHER_API_TOKEN: 'tok-very-secret',
      }),
    );
    try {
      const conn = await connectHttp(leaky.url as string, 'legacy');
      const outcome = await conn.call('get_weather', { city: 'x' });
      expect(outcome.status).toBe('error');
      const text = JSON.stringify(outcome.result);
      expect(text).not.toContain('hunter2pass');
      expect(text).not.toContain('tok-very-secret');
      expect(text).not.toMatch(/\n\s+at /);
      await conn.close();
    } finally {
      await leaky.close();
    }
  });

  it('names a missing env var in the tool error instead of crashing', async () => {
    const { NOTES_FILES_ROOT: _dropped, ...rest } = env;
    const partial = await startServer(definition, inProcessHttpOptions(rest));
    try {
      const conn = await connectHttp(partial.url as string, 'modern');
      expect(await conn.call('read_shared_file', { path: 'readme.txt' })).toMatchObject({
        status: 'error',
        message: 'connection "shared" is not configured: set the environment variable NOTES_FILES_ROOT',
      });
      expect(await conn.call('word_count', { text: 'still works' })).toMatchObject({ status: 'ok' });
      await conn.close();
    } finally {
      await partial.close();
    }
  });
});

describe('graceful shutdown', () => {
  it('finishes in-flight calls, then closes the pools and stops listening', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    let db: { open: boolean } | undefined;
    const slow = defineTool({
      name: 'slow',
      description: 'waits for the test',
      inputSchema: z.object({}),
      outputSchema: z.object({ done: z.boolean() }),
      wrap: 'none',
      implementation: {
        type: 'handler',
        handler: async (_args, ctx) => {
          db = await ctx.connection<{ open: boolean }>('db'); // an open pool for shutdown to close
          await gate;
          return { done: true };
        },
      },
    });
    const def: ServerDefinition = { ...definition, tools: [...definition.tools, slow] };
    const running = await startServer(def, inProcessHttpOptions(env));
    const conn = await connectHttp(running.url as string, 'modern');
    const call = conn.call('slow', {});
    await waitFor(() => running.metrics.inFlight === 1 && db !== undefined);
    const closing = running.close();
    setTimeout(release, 200);
    expect(await call).toMatchObject({ status: 'ok', structured: { done: true } });
    await closing;
    expect(db?.open).toBe(false);
    await expect(rawRequest(running.url?.replace('/mcp', '/healthz') as string)).rejects.toThrow(
      /ECONNREFUSED/,
    );
    expect(running.metrics.inFlight).toBe(0);
    await conn.close().catch(() => undefined);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
