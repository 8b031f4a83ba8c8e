/**
 * Every server the rig knows (the hand-written baseline, and the fixture / generated servers once they
 * exist) answers real clients: SDK v2 in both protocol eras and the legacy v1 SDK, over stdio and
 * Streamable HTTP. The tool list must be complete and the sample call must return its known answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningHttpServer, startHttpServer } from './lib/http-server.js';
import {
  CLIENT_KINDS,
  type ClientKind,
  connectHttp,
  connectStdio,
  type TestClient,
} from './lib/mcp-clients.js';
import type { ServerUnderTest } from './lib/server-under-test.js';
import { verificationSubjects } from './lib/subjects.js';

const { servers: subjects, dispose } = await verificationSubjects();
afterAll(dispose);

async function exercise(server: ServerUnderTest, client: TestClient, kind: ClientKind): Promise<void> {
  try {
    const names = await client.listToolNames();
    expect(names).toEqual(expect.arrayContaining([...server.tools]));
    const { tool, arguments: args, expected } = server.sampleCall;
    const result = await client.callTool(tool, { ...args });
    expect(result.isError, result.text).toBe(false);
    expect(result.structuredContent).toMatchObject(expected);
    expect(JSON.parse(result.text)).toMatchObject(expected);
    if (kind === 'v2-modern') expect(client.protocolVersion()).toBe('2026-07-28');
  } finally {
    await client.close();
  }
}

describe.each(subjects)('$label', (server) => {
  describe('stdio', () => {
    it.each(CLIENT_KINDS)('%s client lists and calls tools', async (kind) => {
      await exercise(server, await connectStdio(kind, server.stdio()), kind);
    });
  });

  describe('Streamable HTTP', () => {
    let running: RunningHttpServer;
    beforeAll(async () => {
      running = await startHttpServer(server);
    });
    afterAll(async () => {
      await running?.stop();
    });

    it.each(CLIENT_KINDS)('%s client lists and calls tools', async (kind) => {
      await exercise(server, await connectHttp(kind, running.url), kind);
    });

    it.each(CLIENT_KINDS)(
      '%s client: unknown tool is protocol error -32602, bad arguments an isError result',
      async (kind) => {
        const client = await connectHttp(kind, running.url);
        try {
          await expect(client.callTool('no_such_tool', {})).rejects.toMatchObject({ code: -32602 });
          const bad = await client.callTool(server.sampleCall.tool, { not_a_parameter: true });
          expect(bad.isError).toBe(true);
          expect(bad.text.length).toBeGreaterThan(0);
        } finally {
          await client.close();
        }
      },
    );

    it('rejects a foreign Origin (DNS rebinding protection)', async () => {
      const response = await fetch(running.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
        body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
      });
      expect(response.status).toBe(403);
    });
  });
});
