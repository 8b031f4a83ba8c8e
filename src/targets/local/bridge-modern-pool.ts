/**
 * 2026-07-28 (stateless) traffic on the bridge. A modern request carries everything it needs in its own
 * `_meta`, so it needs no session: it is handed to an idle child of a small pool, and each child serves ONE
 * request at a time (a stdio connection is a single ordered pipe; two requests in flight would share it).
 * Children stay warm for reuse and end after `idleMs`. Responses are plain JSON: notifications a child
 * emits while working (progress, logging) are dropped, as with the SDK's `responseMode: 'json'`.
 */
import {
  isJSONRPCRequest,
  isJSONRPCResponse,
  type JSONRPCMessage,
  type JSONRPCRequest,
} from '@modelcontextprotocol/server';
import type { StdioChild } from './stdio-child.js';

export class ModernPool {
  private readonly waiting: { child: StdioChild; since: number }[] = [];
  private busy = 0;

  constructor(
    /** A fresh child, or undefined when none fits under the bridge's cap. */
    private readonly fresh: () => StdioChild | undefined,
  ) {}

  /** Live children, busy or idle (a child that died while idle no longer counts against the cap). */
  get size(): number {
    return this.waiting.filter((entry) => entry.child.alive).length + this.busy;
  }

  /** Live children waiting for a request (each can be ended to make room for a session). */
  get idleCount(): number {
    return this.waiting.filter((entry) => entry.child.alive).length;
  }

  async handle(message: JSONRPCMessage): Promise<Response> {
    if (!isJSONRPCRequest(message)) return new Response(null, { status: 202 });
    const child = this.acquire();
    if (child === undefined) {
      // Pooled children free up as soon as their request is answered: a short wait is enough.
      const busy = jsonRpcError(message.id, -32603, 'bridge at its session limit', 503);
      busy.headers.set('retry-after', '1');
      return busy;
    }
    this.busy += 1;
    try {
      return Response.json(await exchange(child, message));
    } catch (error) {
      return jsonRpcError(message.id, -32603, `stdio server failed: ${(error as Error).message}`, 502);
    } finally {
      this.busy -= 1;
      if (child.alive) this.waiting.push({ child, since: Date.now() });
    }
  }

  /** End children that have been idle for `idleMs`; with 0, end every idle child. */
  sweep(idleMs: number): void {
    const now = Date.now();
    for (const entry of [...this.waiting]) {
      if (entry.child.alive && now - entry.since < idleMs) continue;
      this.waiting.splice(this.waiting.indexOf(entry), 1);
      entry.child.end();
    }
  }

  /** Give up one idle child so a new session fits under the cap. */
  evictOne(): boolean {
    const entry = this.waiting.shift();
    entry?.child.end();
    return entry !== undefined;
  }

  private acquire(): StdioChild | undefined {
    while (this.waiting.length > 0) {
      const entry = this.waiting.pop();
      if (entry?.child.alive) return entry.child;
    }
    return this.fresh();
  }
}

function exchange(child: StdioChild, request: JSONRPCRequest): Promise<JSONRPCMessage> {
  return new Promise((resolve, reject) => {
    child.onmessage = (message) => {
      if (isJSONRPCResponse(message) && message.id === request.id) resolve(message);
    };
    child.onexit = () => reject(new Error('the process exited before answering'));
    child.send(request).catch(reject);
  });
}

export function jsonRpcError(id: JSONRPCRequest['id'] | null, code: number, message: string, status: number) {
  return Response.json({ jsonrpc: '2.0', id, error: { code, message } }, { status });
}
