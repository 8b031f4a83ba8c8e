/**
 * bundle(): a generated project becomes one dist/server.mjs built against the factory's node_modules (no
 * npm install), with better-sqlite3 external but resolvable. Spawned over stdio, it answers tools/list and
 * runs a SQLite tool. Prints generation and start-up times (spawn → tools/list) for the report.
 */
import { existsSync, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { describe, expect, test } from 'vitest';
import { bundle } from '../../src/generator/bundle.js';
import { plan } from '../../src/generator/plan.js';
import { write } from '../../src/generator/write.js';
import { ROOT, scratchDir, specFile, TEMPLATES } from './helpers.js';

async function connect(file: string, env: Record<string, string>): Promise<{ client: Client; ms: number }> {
  const started = performance.now();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [file],
    env: { MCP_TRANSPORT: 'stdio', ...env },
    stderr: 'pipe',
  });
  const client = new Client(
    { name: 'bundle-test', version: '1.0.0' },
    { versionNegotiation: { mode: 'legacy' } },
  );
  await client.connect(transport);
  const { tools } = await client.listTools();
  expect(tools.length).toBeGreaterThan(0);
  return { client, ms: performance.now() - started };
}

describe('bundle', () => {
  const root = scratchDir('bundle');

  test('the notes server runs from one file without installing anything', async () => {
    const dir = join(root, 'notes');
    const started = performance.now();
    await write(plan(specFile(join(ROOT, 'examples', 'notes.yaml')), TEMPLATES), dir);
    const generationMs = performance.now() - started;
    expect(existsSync(join(dir, 'node_modules'))).toBe(false);

    const result = await bundle(dir);
    expect(result.file).toBe(join(dir, 'dist', 'server.mjs'));
    expect(result.external).toContain('better-sqlite3');
    expect(result.external).toContain('pg'); // not used by this spec: left out
    expect(result.linked).toEqual(['better-sqlite3']);
    expect(lstatSync(join(dir, 'dist', 'node_modules', 'better-sqlite3')).isSymbolicLink()).toBe(true);

    const env = { NOTES_DB: join(root, 'notes.sqlite') };
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { client, ms } = await connect(result.file, env);
      times.push(ms);
      if (i === 0) {
        const added = await client.callTool({ name: 'add_note', arguments: { title: 'bundled' } });
        expect(added.isError).toBeFalsy();
        expect(added.structuredContent).toMatchObject({ id: 1, title: 'bundled' });
      }
      await client.close();
    }
    // Bundling again (a redeploy) replaces the file and the link in place.
    const again = await bundle(dir);
    expect(again.bytes).toBe(result.bytes);
    expect(lstatSync(join(dir, 'dist', 'node_modules', 'better-sqlite3')).isSymbolicLink()).toBe(true);
    console.info(
      `[bundle] generate+write ${generationMs.toFixed(0)} ms, bundle ${result.ms.toFixed(0)} ms, ` +
        `${(result.bytes / 1024).toFixed(0)} KiB, spawn→tools/list ${times.map((t) => t.toFixed(0)).join(' / ')} ms`,
    );
  }, 120_000);

  test('hostile strings reach clients exactly as written in the spec', async () => {
    const dir = join(root, 'hostile');
    const spec = specFile(join(import.meta.dirname, 'fixtures', 'hostile.json'));
    await write(plan(spec, TEMPLATES), dir);
    const result = await bundle(dir);
    expect(result.linked).toEqual([]);
    const { client } = await connect(result.file, {});
    try {
      const { tools } = await client.listTools();
      for (const tool of spec.tools) {
        const listed = tools.find((t) => t.name === tool.name);
        expect(listed, tool.name).toBeDefined();
        expect(listed?.description).toBe(tool.description);
        if (tool.title !== undefined) expect(listed?.title).toBe(tool.title);
      }
      const remove = tools.find((t) => t.name === 'delete')!;
      const properties = remove.inputSchema.properties as Record<
        string,
        { description?: string; default?: unknown }
      >;
      expect(properties.class?.description).toBe(spec.tools[0]?.parameters.class?.description);
      expect(properties.new?.default).toBe(spec.tools[0]?.parameters.new?.default);
      expect(properties.new?.default).toMatch(/^\$\{g\}$/);
      const stub = await client.callTool({ name: 'delete', arguments: {} });
      expect(stub.isError).toBe(true);
    } finally {
      await client.close();
    }
  }, 120_000);
});
