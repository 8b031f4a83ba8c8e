/**
 * The children that serve 2026-07-28 (stateless) traffic on the bridge. A modern request carries
 * everything it needs in its own `_meta`, so it needs no session: it is handed to an idle child, and each
 * child serves ONE request at a time (a stdio connection is a single ordered pipe; two requests in flight
 * would share it). Children stay warm for reuse and end after `idleMs`. Notifications a child emits while
 * working (progress, logging) are dropped: the answer is the child's response.
 */
import { isJSONRPCResponse, type JSONRPCMessage, type JSONRPCRequest } from '@modelcontextprotocol/server';
import type { StdioChild } from './stdio-child.js';

/** No child is free and none fits under the bridge's cap. */
export class PoolFullError extends Error {}

export class ModernPool {
  private readonly waiting: { child: StdioChild; since: number }[] = [];
  private busy = 0;

  constructor(
    /** A fresh child. */
    private readonly fresh: () => StdioChild,
    /** Whether one more child fits under the bridge's cap. */
    private readonly room: () => boolean,
  ) {}

  /** Live children, busy or idle (a child that died while idle no longer counts against the cap). */
  get size(): number {
    return this.waiting.filter((entry) => entry.child.alive).length + this.busy;
  }

  /** Live children waiting for a request (each can be ended to make room for a session). */
  get idleCount(): number {
    return this.waiting.filter((entry) => entry.child.alive).length;
  }

  /** Whether a request would find a child now (an idle one, or room for a fresh one). */
  get hasRoom(): boolean {
    return this.idleCount > 0 || this.room();
  }

  /** Sends one request to a free child and resolves with its response (a result or an error). */
  async exchange(request: JSONRPCRequest): Promise<JSONRPCMessage> {
    const child = this.acquire();
    if (child === undefined) throw new PoolFullError('bridge at its session limit');
    this.busy += 1;
    try {
      return await exchange(child, request);
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
    return this.room() ? this.fresh() : undefined;
  }
}

function exchange(child: StdioChild, request: JSONRPCRequest): Promise<JSONRPCMessage> {
  return new Promise((resolve, reject) => {
    child.onmessage = (message) => {
      if (isJSONRPCResponse(message) && message.id === request.id) resolve(message);
    };
    child.onexit = () => reject(new Error('stdio server failed: the process exited before answering'));
    child.send(request).catch(reject);
  });
}

export function jsonRpcError(id: JSONRPCRequest['id'] | null, code: number, message: string, status: number) {
  return Response.json({ jsonrpc: '2.0', id, error: { code, message } }, { status });
}
