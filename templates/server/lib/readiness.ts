/**
 * `/readyz`: can the server do its work right now? `/healthz` only says the process answers; this asks
 * every connection in the spec for its cheapest proof of life, each bounded by a timeout, all at once:
 *   postgresql, mysql, sqlite → SELECT 1         http, graphql → a TCP connect to the base URL's host
 *   redis → PING                                  rabbitmq → the AMQP handshake's first step
 *   filesystem → the root folder is still a folder
 * A connection whose env var is unset is `not configured` (not ready), never a crash. Errors are redacted
 * like tool errors: no URL, password or token ever appears in the report.
 */
import { access } from 'node:fs/promises';
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { ConnectionManager } from './connections.js';
import type { ConnectionConfig } from './contract.js';
import { describeError, type Redactor } from './safe-error.js';

export type ConnectionReadiness = 'ready' | 'not configured' | 'failing';

export interface ConnectionReport {
  readonly name: string;
  readonly type: ConnectionConfig['type'];
  readonly status: ConnectionReadiness;
  readonly ms: number;
  readonly error?: string;
}

export interface ReadinessReport {
  readonly status: 'ready' | 'not ready';
  readonly connections: readonly ConnectionReport[];
}

export const DEFAULT_PROBE_TIMEOUT_MS = 2_000;

/** MCP_READY_TIMEOUT_MS bounds each probe (default 2 s). */
export function probeTimeoutMs(env: Readonly<Record<string, string | undefined>>): number {
  const value = Number(env.MCP_READY_TIMEOUT_MS);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_PROBE_TIMEOUT_MS;
}

export async function checkReadiness(
  connections: ConnectionManager,
  redactor: Redactor,
  timeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
): Promise<ReadinessReport> {
  const reports = await Promise.all(
    connections.configs().map((config) => probeOne(connections, config, redactor, timeoutMs)),
  );
  const ready = reports.every((report) => report.status === 'ready');
  return { status: ready ? 'ready' : 'not ready', connections: reports };
}

async function probeOne(
  connections: ConnectionManager,
  config: ConnectionConfig,
  redactor: Redactor,
  timeoutMs: number,
): Promise<ConnectionReport> {
  const base = { name: config.name, type: config.type };
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  if (!connections.configured(config.name)) {
    return {
      ...base,
      status: 'not configured',
      ms: 0,
      error: `set the environment variable ${config.envVar}`,
    };
  }
  try {
    await withTimeout(probe(connections, config), timeoutMs);
    return { ...base, status: 'ready', ms: ms() };
  } catch (error) {
    return { ...base, status: 'failing', ms: ms(), error: describeError(error, redactor) };
  }
}

async function probe(connections: ConnectionManager, config: ConnectionConfig): Promise<void> {
  switch (config.type) {
    case 'postgresql':
    case 'mysql':
    case 'sqlite':
      return probeSql(connections, config.name);
    case 'http':
    case 'graphql':
      return tcpConnect((await connections.upstream(config.name)).baseUrl);
    case 'filesystem':
      await access((await connections.filesystem(config.name)).root);
      return;
    case 'redis':
      return probeRedis(await connections.client<{ url: string }>(config.name));
    case 'rabbitmq':
      return probeRabbitmq(await connections.client<{ url: string }>(config.name));
  }
}

async function probeSql(connections: ConnectionManager, name: string): Promise<void> {
  const handle = await connections.sql(name);
  if (handle.type === 'sqlite') handle.client.prepare('SELECT 1').get();
  else if (handle.type === 'postgresql') await handle.client.query('SELECT 1');
  else await handle.client.query('SELECT 1');
}

function tcpConnect(url: URL): Promise<void> {
  const port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port }, () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

/**
 * PING in the Redis protocol on a plain socket (AUTH first when the URL carries credentials): the reply
 * must be +PONG. No driver: ioredis is only installed for specs with Redis triggers.
 */
async function probeRedis(target: { url: string }): Promise<void> {
  const url = new URL(target.url);
  const auth = url.password
    ? [
        url.username
          ? ['AUTH', decodeURIComponent(url.username), decodeURIComponent(url.password)]
          : ['AUTH', decodeURIComponent(url.password)],
      ]
    : [];
  const replies = await exchange(url, 6379, [...auth, ['PING']].map(respCommand).join(''), (text) =>
    text.split('\r\n').length > auth.length + 1 ? text : undefined,
  );
  const lines = replies.split('\r\n');
  const failed = lines.find((line) => line.startsWith('-'));
  if (failed !== undefined) throw new Error(`redis answered ${failed.slice(1)}`);
  if (lines[auth.length] !== '+PONG') throw new Error('redis did not answer PONG');
}

/**
 * The AMQP 0-9-1 protocol header: a broker answers with a Connection.Start method frame (type 1). This
 * proves a broker listens at the URL; credentials are checked by the first consumer, which amqplib runs.
 */
async function probeRabbitmq(target: { url: string }): Promise<void> {
  const url = new URL(target.url);
  const header = 'AMQP\x00\x00\x09\x01';
  const reply = await exchange(url, url.protocol === 'amqps:' ? 5671 : 5672, header, (text) =>
    text.length > 0 ? text : undefined,
  );
  if (reply.charCodeAt(0) !== 1) throw new Error('no AMQP 0-9-1 broker answered at that address');
}

function respCommand(parts: readonly string[]): string {
  return `*${parts.length}\r\n${parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join('')}`;
}

/** Sends `request` and resolves with what came back once `complete` accepts it (TLS for rediss/amqps). */
function exchange(
  url: URL,
  defaultPort: number,
  request: string,
  complete: (text: string) => string | undefined,
): Promise<string> {
  const port = Number(url.port) || defaultPort;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const secure = url.protocol === 'rediss:' || url.protocol === 'amqps:';
  return new Promise((resolve, reject) => {
    let received = '';
    const socket = secure ? tlsConnect({ host, port, servername: host }) : connect({ host, port });
    socket.once(secure ? 'secureConnect' : 'connect', () => socket.write(request, 'latin1'));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      const done = complete(received);
      if (done === undefined) return;
      socket.destroy();
      resolve(done);
    });
    socket.once('error', reject);
    socket.once('close', () => reject(new Error('the connection closed before an answer')));
  });
}

function withTimeout<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
  });
  work.catch(() => undefined); // a late failure after the timeout is not an unhandled rejection
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
