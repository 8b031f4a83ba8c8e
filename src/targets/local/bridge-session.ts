/**
 * One legacy (2025-11-25) MCP session on the bridge: its own Streamable HTTP server transport (session id,
 * SSE streams, DELETE) joined message for message to its own stdio child. Nothing is shared between
 * sessions, so one client's state (or crash) never reaches another. When the child dies, every request
 * still waiting on it gets a JSON-RPC error, so no client hangs on a response that can never come.
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

export class BridgeSession {
  readonly http: WebStandardStreamableHTTPServerTransport;
  readonly child: StdioChild;
  lastActivity = Date.now();
  private closed = false;
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

  close(reason = 'the session was closed'): void {
    if (this.closed) return;
    this.closed = true;
    this.child.end();
    void this.failPending(reason).finally(() => this.http.close().catch(() => undefined));
    this.onclosed(this);
  }

  private toChild(message: JSONRPCMessage): void {
    this.touch();
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
