/**
 * Several real processes write to one registry file at once; one is killed with SIGKILL in the middle of
 * a transaction. Every write a process acknowledged must be there afterwards, the file must pass
 * integrity_check, and the killed transaction must have left nothing behind.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRegistry, registryFile } from '../../src/registry/index.js';
import { countRows, freshRegistry, inspect, tempHome } from './helpers.js';

const ROOT = join(import.meta.dirname, '../..');
const WRITER = join(import.meta.dirname, 'fixtures/registry-writer.ts');

interface Child {
  readonly process: ChildProcess;
  readonly lines: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  waitFor(predicate: (lines: readonly string[]) => boolean): Promise<void>;
}

function startWriter(...args: string[]): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], { cwd: ROOT, stdio: 'pipe' });
  const lines: string[] = [];
  let stderr = '';
  let buffer = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>(
    (resolve) =>
      child.on('exit', (code, signal) => {
        for (const wake of waiters.splice(0)) wake();
        resolve({ code, signal, stderr });
      }),
  );
  const waitFor = async (predicate: (lines: readonly string[]) => boolean) => {
    while (!predicate(lines)) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`writer exited early: ${stderr}`);
      await new Promise<void>((wake) => waiters.push(wake));
    }
  };
  return { process: child, lines, exited, waitFor };
}

function acks(lines: readonly string[], kind: string): string[] {
  return lines.filter((line) => line.startsWith(`ack ${kind} `)).map((line) => line.split(' ')[2]!);
}

describe('concurrent writers (real processes)', () => {
  it('keeps every acknowledged write when several processes write at once and one is SIGKILLed', async () => {
    const { registry, home } = await freshRegistry();
    await registry.recordVersion({ name: 'shared', version: '0.0.0', description: 's', spec: {}, tools: [] });

    const writers = [1, 2, 3, 4].map((id) => startWriter('write', home, String(id), '25'));
    const victim = writers[3]!;
    await victim.waitFor((lines) => acks(lines, 'usage').length >= 3);
    victim.process.kill('SIGKILL');
    const results = await Promise.all(writers.map((writer) => writer.exited));
    for (const result of results.slice(0, 3)) expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(results[3]?.signal).toBe('SIGKILL');

    const all = writers.flatMap((writer) => writer.lines);
    for (const name of acks(all, 'server')) expect((await registry.getVersion(name)).version).toBe('1.0.0');
    const sharedVersions = (await registry.listVersions('shared')).map((v) => v.version);
    expect(sharedVersions).toEqual(expect.arrayContaining(acks(all, 'shared')));
    // The latest pointer is right even though four processes raced to move it.
    expect(await registry.latestVersion('shared')).toBe(sharedVersions[0]);
    expect(sharedVersions[0]).toMatch(/^4\.\d+\.0$/); // writer 4 acknowledged 4.2.0 > 3.24.0 before it died
    // Usage deltas add up: at least every acknowledged one (the killed writer may have committed one more
    // that it never got to acknowledge), and no more than were attempted.
    const [usage] = await registry.getUsage('shared', '0.0.0');
    const acknowledged = acks(all, 'usage').length;
    expect(usage?.calls).toBeGreaterThanOrEqual(acknowledged);
    expect(usage?.calls).toBeLessThanOrEqual(acknowledged + 1);
    expect(acks(writers[0]!.lines, 'server')).toHaveLength(25);

    const db = inspect(home);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  }, 60_000);

  it('a process killed mid-transaction leaves no trace and releases the lock', async () => {
    const { registry, home } = await freshRegistry();
    await registry.recordVersion({ name: 'before', version: '1.0.0', description: 'b', spec: {}, tools: [] });
    const holder = startWriter('hold', home);
    await holder.waitFor((lines) => lines.includes('mid'));
    // The uncommitted pages really reached the WAL file, so recovery has something to throw away.
    expect(statSync(`${registryFile(home)}-wal`).size).toBeGreaterThan(100_000);
    // Readers are not blocked by the open write transaction (WAL) and do not see it.
    expect((await registry.listServers()).map((s) => s.name)).toEqual(['before']);

    holder.process.kill('SIGKILL');
    expect((await holder.exited).signal).toBe('SIGKILL');

    const started = Date.now();
    await registry.recordVersion({ name: 'after', version: '1.0.0', description: 'a', spec: {}, tools: [] });
    expect(Date.now() - started).toBeLessThan(2000);
    await registry.close();

    const reopened = await openRegistry({ home });
    expect((await reopened.listServers()).map((s) => s.name)).toEqual(['after', 'before']);
    await reopened.close();
    const db = inspect(home);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(countRows(db, 'tools')).toBe(0);
    expect(db.prepare("SELECT count(*) AS n FROM tools_fts WHERE tools_fts MATCH 'h'").get()).toEqual({
      n: 0,
    });
  }, 60_000);

  it('a writer that finds the lock taken waits for it (busy_timeout) instead of failing', async () => {
    const { registry, home } = await freshRegistry();
    await registry.recordVersion({ name: 'shared', version: '0.0.0', description: 's', spec: {}, tools: [] });
    const holder = startWriter('hold', home);
    await holder.waitFor((lines) => lines.includes('mid'));
    const waiting = startWriter('write', home, '7', '1');
    // Once open, the second writer's first write blocks on the lock; it must still be waiting 700 ms later.
    await waiting.waitFor((lines) => lines.includes('ready'));
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(acks(waiting.lines, 'server')).toEqual([]);
    expect(waiting.process.exitCode).toBeNull();
    holder.process.kill('SIGKILL');
    const result = await waiting.exited;
    expect(result, result.stderr).toMatchObject({ code: 0 });
    expect(acks(waiting.lines, 'usage')).toEqual(['w7-s0']);
    expect((await registry.getUsage('shared'))[0]?.calls).toBe(1);
  }, 60_000);

  it('many processes opening a fresh home at once apply the migrations exactly once', async () => {
    const home = tempHome();
    const writers = [1, 2, 3].map((id) => startWriter('write', home, String(id), '1'));
    // No pre-created registry: each writer's first step is opening (and migrating) the new file.
    const results = await Promise.all(writers.map((writer) => writer.exited));
    for (const result of results) {
      // "shared" 0.0.0 does not exist here, so each writer stops at its usage write with NOT_FOUND.
      expect(result.stderr).toContain('server "shared" has no version 0.0.0');
    }
    const db = inspect(home);
    expect(countRows(db, 'schema_migrations')).toBe(1);
    expect(countRows(db, 'servers')).toBe(4);
  }, 60_000);
});
