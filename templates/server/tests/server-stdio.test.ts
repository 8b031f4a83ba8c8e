/**
 * The fixture server as a child process over stdio (run through tsx), with real MCP clients in both eras;
 * plus what only a process can show: stdout carries nothing but JSON-RPC, SIGTERM and a closed stdin
 * both end the process cleanly after closing its pools.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { definition } from '../fixtures/notes/src/server.gen.js';
import { type Connection, connectStdio, ERAS } from '../testing/harness.js';
import {
  FIXTURE_DIR,
  FIXTURE_ENTRY,
  fixtureCommand,
  initializeBody,
  SERVER_TEMPLATE_DIR,
  TSX_LOADER,
  tempDir,
} from './helpers.js';

const dir = tempDir('stdio');
afterAll(() => dir.remove());
const env = { NOTES_DB: join(dir.path, 'notes.db'), NOTES_FILES_ROOT: dir.path };

describe.each(ERAS)('stdio, %s era', (era) => {
  it('serves every tool through a real client', { timeout: 60_000 }, async () => {
    const conn: Connection = await connectStdio(fixtureCommand(env), era);
    try {
      expect(conn.protocolVersion).toBe(era === 'modern' ? '2026-07-28' : '2025-11-25');
      expect(await conn.listToolNames()).toEqual(definition.tools.map((t) => t.name).sort());
      const tag = `stdio-${era}`;
      for (const n of [1, 2, 3]) {
        expect(await conn.call('add_note', { title: `${tag} ${n}` })).toMatchObject({ status: 'ok' });
      }
      const first = await conn.call('list_notes', { query: tag });
      const firstPage =
        first.status === 'ok' ? (first.structured as { items: unknown[]; nextCursor?: string }) : undefined;
      expect(firstPage?.items).toHaveLength(2);
      const second = await conn.call('list_notes', { query: tag, cursor: firstPage?.nextCursor });
      expect(second).toMatchObject({ status: 'ok', structured: { items: [{ title: `${tag} 3` }] } });
      expect(second.status === 'ok' && 'nextCursor' in (second.structured ?? {})).toBe(false);
      expect(await conn.call('list_notes', { limit: 500 })).toMatchObject({ status: 'error' });
      expect(await conn.call('translate_note', { id: 1, language: 'fr' })).toMatchObject({
        status: 'not_implemented',
      });
      await expect(conn.call('nope', {})).rejects.toThrow();
      expect(conn.stderr()).toContain('"msg":"serving"');
    } finally {
      await conn.close();
    }
  });
});

function spawnFixture(args: string[] = []): {
  child: ChildProcessWithoutNullStreams;
  stdout: string[];
  stderr: () => string;
} {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, FIXTURE_ENTRY, ...args], {
    cwd: FIXTURE_DIR,
    env: { PATH: process.env.PATH ?? '', ...env, MCP_TRANSPORT: 'stdio', MCP_PORT: '0' },
  });
  const stdout: string[] = [];
  let buffered = '';
  child.stdout.on('data', (c: Buffer) => {
    buffered += c.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    stdout.push(...lines.filter((l) => l.length > 0));
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString('utf8');
  });
  return { child, stdout, stderr: () => stderr };
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const exitCode = (child: ChildProcessWithoutNullStreams) =>
  new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

describe('stdio process', () => {
  it('keeps console output of handlers off stdout', { timeout: 60_000 }, async () => {
    const entry = join(SERVER_TEMPLATE_DIR, 'tests', 'servers', 'noisy.ts');
    const conn = await connectStdio(
      { command: process.execPath, args: ['--import', TSX_LOADER, entry] },
      'legacy',
    );
    try {
      expect(await conn.call('noisy', {})).toMatchObject({ status: 'ok', structured: { ok: true } });
      expect(await conn.call('noisy', {})).toMatchObject({ status: 'ok' });
      expect(conn.stderr()).toContain('debug output from a handler');
    } finally {
      await conn.close();
    }
  });

  it('writes only JSON-RPC to stdout and stops cleanly on SIGTERM', { timeout: 60_000 }, async () => {
    const { child, stdout, stderr } = spawnFixture();
    const exited = exitCode(child);
    child.stdin.write(`${initializeBody()}\n`);
    await until(() => stdout.length >= 1);
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' })}\n`);
    const call = { name: 'add_note', arguments: { title: 'opens the pool' } };
    child.stdin.write(`${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: call })}\n`);
    await until(() => stdout.length >= 2);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const line of stdout) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    expect(JSON.parse(stdout[1] as string).result.structuredContent).toMatchObject({
      title: 'opens the pool',
    });
    const logs = stderr()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string });
    expect(logs.map((l) => l.msg)).toEqual(
      expect.arrayContaining(['serving', 'connection opened', 'signal received', 'stopped']),
    );
  });

  it('serves HTTP when started with --transport http, and stops on SIGTERM', {
    timeout: 60_000,
  }, async () => {
    const { child, stdout, stderr } = spawnFixture(['--transport', 'http']);
    const exited = exitCode(child);
    await until(() => stderr().includes('"msg":"listening"'));
    const listening = stderr()
      .split('\n')
      .map((l) => (l ? (JSON.parse(l) as { msg: string; url?: string }) : undefined))
      .find((l) => l?.msg === 'listening');
    const url = new URL(listening?.url ?? '');
    expect(url.hostname).toBe('127.0.0.1');
    const health = await fetch(new URL('/healthz', url));
    expect(await health.json()).toMatchObject({ status: 'ok', name: 'notes' });
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toEqual([]);
  });

  it('exits by itself when the client closes stdin, even with an open pool', {
    timeout: 60_000,
  }, async () => {
    const { child, stdout, stderr } = spawnFixture();
    const exited = exitCode(child);
    child.stdin.write(`${initializeBody()}\n`);
    child.stdin.write(
      `${JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'list_notes', arguments: {} } })}\n`,
    );
    await until(() => stdout.length >= 2);
    child.stdin.end();
    expect(await exited).toBe(0);
    expect(stderr()).toContain('"msg":"stdin closed, shutting down"');
  });
});
