/**
 * A local HTTP server that speaks the Anthropic Messages and OpenAI Chat Completions wire formats, answering
 * each request with the next recorded reply, and keeping the requests so tests can read what was sent.
 * The official SDK clients talk to it over real HTTP.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedReply {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: unknown;
  /** Answer only after this long (to prove client timeouts). */
  readonly delayMs?: number;
}

export interface WireServer {
  readonly url: string;
  readonly requests: { path: string; headers: Record<string, unknown>; body: Record<string, unknown> }[];
  reply(...replies: RecordedReply[]): void;
  /** Forget recorded replies and requests (between tests). */
  reset(): void;
  close(): Promise<void>;
}

export async function startWireServer(): Promise<WireServer> {
  const queue: RecordedReply[] = [];
  const requests: WireServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      requests.push({ path: req.url ?? '', headers: req.headers, body });
      const next = queue.shift() ?? { status: 500, body: { error: { message: 'no recorded reply left' } } };
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers });
        res.end(JSON.stringify(next.body));
      }, next.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reply: (...replies) => queue.push(...replies),
    reset: () => {
      queue.length = 0;
      requests.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
