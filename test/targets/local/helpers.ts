/** Shared set-up for the local target tests: a throwaway home, the fixture artifact, real MCP clients. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { LocalTarget } from '../../../src/targets/local/local-target.js';
import type { Artifact, TransportKind } from '../../../src/targets/target.js';

export const FIXTURE_DIR = resolve(import.meta.dirname, '..', 'fixtures');

export function fixtureArtifact(name: string, transports: TransportKind[] = ['http', 'stdio']): Artifact {
  return {
    name,
    version: '1.0.0',
    projectDir: FIXTURE_DIR,
    command: ['node', 'echo-server.mjs'],
    transports,
  };
}

export interface TestHome {
  readonly home: string;
  readonly target: LocalTarget;
  cleanup(): Promise<void>;
}

export function testHome(): TestHome {
  const home = mkdtempSync(join(tmpdir(), 'mcpf-targets-'));
  const target = new LocalTarget({ home });
  return {
    home,
    target,
    async cleanup() {
      for (const info of await target.list()) await target.remove(info.name).catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export interface Connected {
  readonly client: Client;
  readonly transport: StreamableHTTPClientTransport;
  close(): Promise<void>;
}

export async function connect(endpoint: string, mode: 'legacy' | 'modern' = 'legacy'): Promise<Connected> {
  const options = mode === 'modern' ? { versionNegotiation: { mode: { pin: '2026-07-28' } } } : {};
  const client = new Client({ name: 'targets-test', version: '1.0.0' }, options);
  const transport = new StreamableHTTPClientTransport(new URL(endpoint));
  await client.connect(transport);
  return {
    client,
    transport,
    async close() {
      if (transport.sessionId !== undefined) await transport.terminateSession().catch(() => undefined);
      await client.close();
    },
  };
}

export async function callJson(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<unknown> {
  const result = await client.callTool({ name, arguments: args });
  const first = (result.content as { type: string; text?: string }[])[0];
  return JSON.parse(first?.text ?? 'null');
}

/** pids of every process in a process group, from `ps` (empty when the group is gone). */
export function groupMembers(pgid: number): number[] {
  try {
    const out = execFileSync('ps', ['-o', 'pid=,stat=', '-g', String(pgid)], { encoding: 'utf8' });
    return out
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter(([pid, stat]) => pid !== undefined && pid !== '' && !stat?.startsWith('Z'))
      .map(([pid]) => Number(pid));
  } catch {
    return []; // ps exits 1 when nothing matches
  }
}

/** `kill(pid, 0)` first; it also succeeds for a zombie, so ps then says whether the process really lives. */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return stat !== '' && !stat.startsWith('Z');
  } catch {
    return false;
  }
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
