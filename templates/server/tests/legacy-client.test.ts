/**
 * Most deployed clients are still built on the v1 SDK (2025 era only). A real v1 client must be able to
 * use a generated server over Streamable HTTP: handshake, tools/list, tools/call.
 */
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definition } from '../fixtures/notes/src/server.gen.js';
import { type RunningServer, startServer } from '../lib/main.js';
import { inProcessHttpOptions } from '../testing/harness.js';
import { tempDir } from './helpers.js';

const dir = tempDir('v1');
let server: RunningServer;
beforeAll(async () => {
  server = await startServer(definition, inProcessHttpOptions({ NOTES_DB: join(dir.path, 'n.db') }));
});
afterAll(async () => {
  await server.close();
  dir.remove();
});

describe('v1 SDK client over HTTP', () => {
  it('lists and calls tools', async () => {
    const client = new Client({ name: 'v1-client', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(server.url as string)));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain('list_notes');
    const listNotes = tools.find((t) => t.name === 'list_notes');
    expect(listNotes?.inputSchema.properties).toHaveProperty('cursor');
    expect(listNotes?.outputSchema?.properties).toHaveProperty('nextCursor');
    const result = await client.callTool({ name: 'add_note', arguments: { title: 'from v1' } });
    expect(result.structuredContent).toMatchObject({ title: 'from v1' });
    expect(JSON.parse((result.content as { text: string }[])[0]?.text ?? '')).toEqual(
      result.structuredContent,
    );
    await client.close();
  });
});
