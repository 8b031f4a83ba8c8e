/**
 * One legacy (2025-11-25) MCP session on the bridge: its own Streamable HTTP server transport (session id,
 * SSE streams, DELETE) joined message for message to its own stdio child. Nothing is shared between
 * sessions, so one client's state (or crash) never reaches another. When the child dies, every request
 * still waiting on it gets a JSON-RPC error, so no client hangs on a response that can never come.
 *
 * Clients often leave without DELETE (a crash, a closed laptop, `close()` without `terminateSession()`),
 * and each session holds a whole server process, so the bridge reclaims sessions whose client is likely
 * gone (`reclaimableIn`):
 * - a client with a GET stream open is present and keeps its session however quiet it is;
 * - one whose GET stream closed and did not come back within STREAM_GONE_GRACE_MS (clients reconnect a
 *   dropped stream within about a second) is gone;
 * - any other (the SDK v2 client opens no GET stream) is gone after the bridge's idle time without
 *   traffic, or, when the bridge is full and a new client waits, after PRESSURE_IDLE_MS without traffic
 *   and with no request in flight: an agent pauses between tool calls for seconds, rarely for half a
 *   minute, and a reclaimed client that comes back gets 404 and initializes again, as the protocol says.
 */
import { randomUUID } from 'node:crypto';
import {
  isJSONRPCRequest,
  isJSONRPCResponse,
  type JSONRPCMessage,
  type RequestId,
  WebStandardStreamableHTTPServerTransport,
} from '@modelcontextprotocol/server';
import type { StdioChild } from './stdio-child.js';

export const STREAM_GONE_GRACE_MS = 5_000;
export const PRESSURE_IDLE_MS = 30_000;
const STREAM_OPENED = new TextEncoder().encode(': stream open\n\n');

export class BridgeSession {
  readonly http: WebStandardStreamableHTTPServerTransport;
  readonly child: StdioChild;
  lastActivity = Date.now();
  private closed = false;
  /** GET (SSE) streams the client holds open now. */
  private openStreams = 0;
  /** When the client's last GET stream closed, if it has sent nothing since. */
  private streamGoneAt: number | undefined;
  /** Requests forwarded to the child and not answered yet. */
  private readonly pending = new Set<RequestId>();

  constructor(
    child: StdioChild,
    private readonly onclosed: (session: BridgeSession) => void,
  ) {
    this.child = child;
    this.http = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessionclosed: () => this.close(),
    });
    this.http.onmessage = (message) => this.toChild(message);
    this.http.onclose = () => this.close();
    this.child.onmessage = (message) => this.toClient(message);
    this.child.onexit = () => this.close('the stdio server process exited');
  }

  get sessionId(): string | undefined {
    return this.http.sessionId;
  }

  async start(): Promise<void> {
    await this.http.start();
  }

  touch(): void {
    this.lastActivity = Date.now();
  }

  /** Serves one HTTP request of this session, watching GET streams to tell when the client is gone. */
  async handle(request: Request): Promise<Response> {
    this.touch();
    const response = await this.http.handleRequest(request);
    if (request.method !== 'GET' || response.body === null || !response.ok) return response;
    return new Response(this.watchStream(response.body, request.signal), response);
  }

  /**
   * ms until this session may be reclaimed: 0 now, Infinity while its client holds a stream open.
   * `full`: the bridge is at its cap and a new client waits.
   */
  reclaimableIn(idleMs: number, full: boolean, now = Date.now()): number {
    if (this.openStreams > 0) return Number.POSITIVE_INFINITY;
    // Present until its stream closed: from then on, a short grace for the stream to come back.
    if (this.streamGoneAt !== undefined) return Math.max(0, this.streamGoneAt + STREAM_GONE_GRACE_MS - now);
    const quiet = full && this.pending.size === 0 ? Math.min(idleMs, PRESSURE_IDLE_MS) : idleMs;
    return Math.max(0, this.lastActivity + quiet - now);
  }

  close(reason = 'the session was closed'): void {
    if (this.closed) return;
    this.closed = true;
    this.child.end();
    void this.failPending(reason).finally(() => this.http.close().catch(() => undefined));
    this.onclosed(this);
  }

  /**
   * The same bytes, counted as an open stream until it ends, is cancelled, or the client goes away (the
   * Node adapter aborts the request's signal when the connection closes).
   */
  private watchStream(body: ReadableStream<Uint8Array>, signal: AbortSignal): ReadableStream<Uint8Array> {
    const reader = body.getReader();
    this.openStreams += 1;
    let open = true;
    const ended = () => {
      if (!open) return;
      open = false;
      this.openStreams -= 1;
      if (this.openStreams === 0) this.streamGoneAt = Date.now();
    };
    signal.addEventListener('abort', ended, { once: true });
    return new ReadableStream<Uint8Array>({
      // An SSE comment first: the HTTP layer sends the headers with the first bytes, and until it has, it
      // neither answers the client nor notices when the client goes away.
      start: (controller) => controller.enqueue(STREAM_OPENED),
      pull: async (controller) => {
        const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
        if (chunk.done) {
          ended();
          controller.close();
        } else controller.enqueue(chunk.value);
      },
      cancel: async (reason) => {
        ended();
        await reader.cancel(reason).catch(() => undefined);
      },
    });
  }

  private toChild(message: JSONRPCMessage): void {
    this.touch();
    this.streamGoneAt = undefined; // the client is back: judged by the idle time again
    if (isJSONRPCRequest(message)) this.pending.add(message.id);
    this.child.send(message).catch(() => this.close('the stdio server process is gone'));
  }

  private toClient(message: JSONRPCMessage): void {
    this.touch();
    if (isJSONRPCResponse(message) && message.id !== undefined) this.pending.delete(message.id);
    void this.http.send(message).catch(() => undefined);
  }

  private async failPending(reason: string): Promise<void> {
    const ids = [...this.pending];
    this.pending.clear();
    for (const id of ids) {
      const error = { jsonrpc: '2.0' as const, id, error: { code: -32603, message: reason } };
      await this.http.send(error).catch(() => undefined);
    }
  }
}
