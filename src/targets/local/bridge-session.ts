/**
 * One legacy (2025-11-25) MCP session on the bridge: its own Streamable HTTP server transport (session id,
 * SSE streams, DELETE) joined message for message to its own stdio child. Nothing is shared between
 * sessions, so one client's state (or crash) never reaches another.
 */
import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/server';
import type { StdioChild } from './stdio-child.js';

export class BridgeSession {
  readonly http: WebStandardStreamableHTTPServerTransport;
  readonly child: StdioChild;
  lastActivity = Date.now();
  private closed = false;

  constructor(
    child: StdioChild,
    private readonly onclosed: (session: BridgeSession) => void,
  ) {
    this.child = child;
    this.http = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessionclosed: () => this.close(),
    });
    this.http.onmessage = (message) => {
      this.touch();
      void this.child.send(message).catch(() => this.close());
    };
    this.http.onclose = () => this.close();
    this.child.onmessage = (message) => {
      this.touch();
      void this.http.send(message).catch(() => undefined);
    };
    this.child.onexit = () => this.close();
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

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.child.end();
    void this.http.close().catch(() => undefined);
    this.onclosed(this);
  }
}
