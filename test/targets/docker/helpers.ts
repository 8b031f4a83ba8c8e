/**
 * Shared set-up for the Docker target tests: the engine named by MCP_TEST_DOCKER_HOST (tests skip without
 * it), a throwaway home, test-unique deployment names, the notes-server suite hooks every engine test file
 * registers, and ways to look at what is left on the engine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import Docker from 'dockerode';
import { afterAll, beforeAll, expect } from 'vitest';
import { DockerTarget } from '../../../src/targets/docker/docker-target.js';
import type { Artifact } from '../../../src/targets/target.js';
import { type ImageArtifact, imageArtifact } from '../../helpers/image-artifact.js';

export const DOCKER_HOST = process.env.MCP_TEST_DOCKER_HOST?.trim() || undefined;
/** Ends every describe title that needs the engine (vitest shows the title when the block is skipped). */
export const NEEDS_ENGINE = '(skipped without MCP_TEST_DOCKER_HOST, e.g. unix:///var/run/docker.sock)';

export function engineClient(): Docker {
  const host = DOCKER_HOST ?? '';
  if (host.startsWith('unix://')) return new Docker({ socketPath: host.slice('unix://'.length) });
  if (host.startsWith('/')) return new Docker({ socketPath: host });
  const url = new URL(host.replace(/^tcp:/, 'http:'));
  return new Docker({ host: url.hostname, port: Number(url.port || 2375), protocol: 'http' });
}

/** A deployment name no other run (or engineer) on this engine uses at the same time. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
}

export interface DockerTestHome {
  readonly home: string;
  readonly target: DockerTarget;
  cleanup(): Promise<void>;
}

export function dockerTestHome(): DockerTestHome {
  const home = mkdtempSync(join(tmpdir(), 'mcpf-docker-'));
  const target = new DockerTarget({
    home,
    ...(DOCKER_HOST === undefined ? {} : { dockerHost: DOCKER_HOST }),
  });
  return {
    home,
    target,
    async cleanup() {
      for (const info of await target.list().catch(() => [])) {
        await target.remove(info.name, { purge: true }).catch(() => undefined);
      }
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** What a notes-server suite's tests use; read it inside tests only (beforeAll fills it). */
export interface NotesServerSuite {
  /** The engine itself, to look at (or crash) containers behind the target's back. */
  readonly engine: Docker;
  /** The generated notes server's image artifact, named after the suite's deployment. */
  readonly artifact: Artifact;
  readonly target: DockerTarget;
  readonly home: string;
}

/**
 * Registers, in the calling describe block, the set-up every engine test file shares: beforeAll builds the
 * generated notes server's image artifact under `name` and a throwaway home with its DockerTarget; afterAll
 * removes every deployment of that home and the artifact's temp files, then asserts that the engine holds
 * nothing of `name` any more.
 */
export function notesServerSuite(name: string): NotesServerSuite {
  let engine: Docker | undefined;
  let built: ImageArtifact | undefined;
  let artifact: Artifact | undefined;
  let env: DockerTestHome | undefined;

  beforeAll(async () => {
    engine = engineClient();
    built = await imageArtifact();
    artifact = { ...built.artifact, name };
    env = dockerTestHome();
  });

  afterAll(async () => {
    await env?.cleanup();
    built?.cleanup();
    if (engine) expect(await leftovers(engine, [name])).toEqual([]);
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('notesServerSuite: read before its beforeAll ran');
    return value;
  };
  return {
    get engine() {
      return ready(engine);
    },
    get artifact() {
      return ready(artifact);
    },
    get target() {
      return ready(env).target;
    },
    get home() {
      return ready(env).home;
    },
  };
}

/** Containers, volumes, networks, services and images on the engine whose names carry one of these deployment names. */
export async function leftovers(engine: Docker, names: readonly string[]): Promise<string[]> {
  const mine = (value: string) =>
    names.some((name) => value.includes(`mcp-factory-${name}`) || value.includes(`mcp-factory/${name}`));
  const containers = (await engine.listContainers({ all: true })).flatMap((c) => c.Names);
  const volumes = ((await engine.listVolumes()).Volumes ?? []).map((v) => v.Name);
  const services = (await engine.listServices().catch(() => [])).map((s) => s.Spec?.Name ?? '');
  const images = (await engine.listImages()).flatMap((i) => i.RepoTags ?? []);
  const networks = (await engine.listNetworks()).map((n) => n.Name);
  return [...containers, ...volumes, ...services, ...images, ...networks].filter(mine);
}

/** Run a command in a running container and collect its exit code and output. */
export async function execIn(
  container: Docker.Container,
  cmd: string[],
  user?: string,
): Promise<{ exitCode: number; output: string }> {
  const exec = await container.exec({
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
    ...(user ? { User: user } : {}),
  });
  const stream = await exec.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  await new Promise((resolve) => stream.on('end', resolve));
  const { ExitCode } = await exec.inspect();
  const output = demux(Buffer.concat(chunks));
  return { exitCode: ExitCode ?? -1, output };
}

function demux(buffer: Buffer): string {
  let text = '';
  for (let at = 0; at + 8 <= buffer.length; ) {
    const size = buffer.readUInt32BE(at + 4);
    text += buffer.subarray(at + 8, at + 8 + size).toString('utf8');
    at += 8 + size;
  }
  return text;
}

/**
 * A fetch that opens a new TCP connection for every request (node:http with no agent): the global fetch
 * keeps connections alive and would send every "fresh" client over one socket, hence to one replica.
 */
export function freshConnectionFetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const req = httpRequest(url, { method: init.method ?? 'GET', headers, agent: false }, (res) => {
      const status = res.statusCode ?? 500;
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(res.headers)) {
        if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const body =
        status === 204 || status === 304 ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>);
      resolve(new Response(body, { status, headers: responseHeaders }));
    });
    req.on('error', reject);
    init.signal?.addEventListener('abort', () => req.destroy(new Error('aborted')), { once: true });
    req.end(typeof init.body === 'string' ? init.body : undefined);
  });
}

/** A real MCP client (2025-11-25 handshake) whose every request travels on a new TCP connection. */
export async function connectFresh(endpoint: string): Promise<{ client: Client; close(): Promise<void> }> {
  const client = new Client({ name: 'docker-targets-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(endpoint), { fetch: freshConnectionFetch });
  await client.connect(transport);
  return {
    client,
    async close() {
      if (transport.sessionId !== undefined) await transport.terminateSession().catch(() => undefined);
      await client.close();
    },
  };
}
