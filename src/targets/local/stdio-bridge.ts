/**
 * The stdio ↔ Streamable HTTP bridge: lets the factory health-check, test and trigger a stdio-only server
 * over `http://127.0.0.1:<port>/mcp`. Web-standard (`fetch(Request) → Response`) so it is tested without a
 * port and mounted on node:http by bridge-server.ts.
 *
 * - 2025-11-25 era: an `initialize` POST opens a session with its OWN child process (bridge-session.ts);
 *   requests carrying its `Mcp-Session-Id` go to that session only; DELETE, child exit or `idleMs` without
 *   traffic end it.
 * - 2026-07-28 era (stateless): requests go to a pool of children, one request per child at a time
 *   (bridge-modern-pool.ts).
 * - At most `maxSessions` child processes in all, one of them kept booted ahead as a spare for the next
 *   session; past the cap, new sessions get HTTP 503 (health checks have two slots of their own).
 */
import type { ChildProcess } from 'node:child_process';
import {
  hostHeaderValidationResponse,
  type InitializeRequest,
  isInitializeRequest,
  isLegacyRequest,
  localhostAllowedHostnames,
  localhostAllowedOrigins,
  originValidationResponse,
  parseJSONRPCMessage,
} from '@modelcontextprotocol/server';
import { jsonRpcError, ModernPool } from './bridge-modern-pool.js';
import { BridgeSession } from './bridge-session.js';
import { HEALTH_CLIENT_NAME } from './health-check.js';
import { ChildSource, type StdioCommand } from './stdio-child.js';

export interface StdioBridgeOptions {
  readonly server: StdioCommand;
  readonly maxSessions: number;
  readonly idleMs: number;
  /** A child spawned ahead of the bridge, used as the first spare. */
  readonly early?: ChildProcess;
}

export interface StdioBridge {
  fetch(request: Request): Promise<Response>;
  /** pids of the children serving sessions, by session id (tests prove isolation with it). */
  sessions(): ReadonlyMap<string, number | undefined>;
  /** End idle sessions and pooled children (called on a timer by the host). */
  sweep(): void;
  /** Spawn the warm spare child (at start, so the first session does not wait for a boot). */
  warm(): void;
  close(): void;
}

const HEALTH_SLOTS = 2;

export function createStdioBridge(options: StdioBridgeOptions): StdioBridge {
  const sessions = new Map<string, BridgeSession>();
  const opening = new Set<BridgeSession>();
  const childCount = (): number => sessions.size + opening.size + pool.size + source.spareCount;
  const room = () => childCount() < options.maxSessions;
  const source: ChildSource = new ChildSource(options.server, room, options.early);
  /** Processes in use or promised, not counting the spare (it becomes the next session's child). */
  const busy = () => childCount() - source.spareCount;
  const pool: ModernPool = new ModernPool(() => (busy() < options.maxSessions ? source.take() : undefined));

  const forget = (session: BridgeSession) => {
    opening.delete(session);
    if (session.sessionId !== undefined) sessions.delete(session.sessionId);
  };

  async function openSession(request: Request, body: InitializeRequest): Promise<Response> {
    // Health checks (the supervisor's periodic one, an on-demand one) get slots past the cap: a full
    // bridge is busy, not unhealthy.
    const limit =
      options.maxSessions + (body.params.clientInfo.name === HEALTH_CLIENT_NAME ? HEALTH_SLOTS : 0);
    if (busy() >= limit && !pool.evictOne()) {
      return jsonRpcError(null, -32603, `bridge at its limit of ${options.maxSessions} sessions`, 503);
    }
    const session = new BridgeSession(source.take(), forget);
    opening.add(session);
    await session.start();
    const response = await session.http.handleRequest(request, { parsedBody: body });
    opening.delete(session);
    if (session.sessionId !== undefined && session.child.alive) sessions.set(session.sessionId, session);
    else session.close();
    return response;
  }

  async function route(request: Request): Promise<Response> {
    const sessionId = request.headers.get('mcp-session-id');
    if (sessionId !== null) {
      const session = sessions.get(sessionId);
      if (session === undefined) return jsonRpcError(null, -32001, 'Session not found', 404);
      session.touch();
      return session.http.handleRequest(request);
    }
    if (request.method !== 'POST')
      return jsonRpcError(null, -32000, 'Mcp-Session-Id header is required', 400);
    const body: unknown = await request
      .clone()
      .json()
      .catch(() => undefined);
    if (body === undefined) return jsonRpcError(null, -32700, 'Parse error: body is not JSON', 400);
    if (!(await isLegacyRequest(request, body))) return routeModern(body);
    if (isInitializeRequest(body)) return openSession(request, body);
    return jsonRpcError(null, -32000, 'Mcp-Session-Id header is required (send initialize first)', 400);
  }

  function routeModern(body: unknown): Promise<Response> | Response {
    try {
      return pool.handle(parseJSONRPCMessage(body));
    } catch {
      return jsonRpcError(null, -32600, 'Invalid Request: not a single JSON-RPC message', 400);
    }
  }

  return {
    async fetch(request) {
      if (new URL(request.url).pathname !== '/mcp') return new Response('not found', { status: 404 });
      const rejected =
        hostHeaderValidationResponse(request, localhostAllowedHostnames()) ??
        originValidationResponse(request, localhostAllowedOrigins());
      return rejected ?? route(request);
    },
    sessions: () => new Map([...sessions].map(([id, session]) => [id, session.child.pid])),
    sweep() {
      const now = Date.now();
      for (const session of [...sessions.values()]) {
        if (now - session.lastActivity >= options.idleMs) session.close();
      }
      pool.sweep(options.idleMs);
    },
    warm: () => source.refill(),
    close() {
      for (const session of [...sessions.values(), ...opening]) session.close();
      pool.sweep(0);
      source.close();
    },
  };
}
