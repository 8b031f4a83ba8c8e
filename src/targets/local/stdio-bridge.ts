/**
 * The stdio ↔ Streamable HTTP bridge: lets the factory health-check, test and trigger a stdio-only server
 * over `http://127.0.0.1:<port>/mcp`. Web-standard (`fetch(Request) → Response`) so it is tested without a
 * port and mounted on node:http by bridge-server.ts.
 *
 * - 2025-11-25 era: an `initialize` POST opens a session with its OWN child process (bridge-session.ts);
 *   requests carrying its `Mcp-Session-Id` go to that session only; DELETE, child exit or the client being
 *   gone (its GET stream closed, or `idleMs` without traffic: BridgeSession.reclaimableIn) end it.
 * - 2026-07-28 era (stateless): the SDK's own HTTP entry applies the modern rules and forwards each request
 *   to a pool of children, one request per child at a time (bridge-modern.ts, bridge-modern-pool.ts).
 * - At most `maxSessions` child processes in all, one of them kept booted ahead as a spare for the next
 *   session. A new session at the cap first reclaims what it can (sessions whose client is likely gone,
 *   judged more strictly while someone waits; idle pooled children); if nothing can go, it gets HTTP 503
 *   with `Retry-After` (when the first session becomes reclaimable). Health checks have two slots of
 *   their own, and `load()` tells the supervisor the bridge is full, so status says so.
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
} from '@modelcontextprotocol/server';
import { createModernLeg } from './bridge-modern.js';
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
  /** End sessions whose client is gone and idle pooled children (called on a timer by the host). */
  sweep(): void;
  /** How full the bridge is (for /healthz and status). */
  load(): BridgeLoad;
  /** Spawn the warm spare child (at start, so the first session does not wait for a boot). */
  warm(): void;
  close(): void;
}

export interface BridgeLoad {
  /** Child processes serving sessions or pooled for stateless requests (not the warm spare). */
  readonly inUse: number;
  readonly maxSessions: number;
  /** A new session would be refused now: every slot is in use and nothing can be reclaimed. */
  readonly atLimit: boolean;
}

const HEALTH_SLOTS = 2;
/** The longest Retry-After: when no session says when it will go (clients present, requests in flight). */
const RETRY_AFTER_MAX_S = 30;

export function createStdioBridge(options: StdioBridgeOptions): StdioBridge {
  const sessions = new Map<string, BridgeSession>();
  const opening = new Set<BridgeSession>();
  const childCount = (): number => sessions.size + opening.size + pool.size + source.spareCount;
  const room = () => childCount() < options.maxSessions;
  const source: ChildSource = new ChildSource(options.server, room, options.early);
  /** Processes in use or promised, not counting the spare (it becomes the next session's child). */
  const busy = () => childCount() - source.spareCount;
  /** Health-check sessions: they live in slots of their own and never take a client's. */
  const health = new Set<BridgeSession>();
  const clientsBusy = () => busy() - health.size;
  const pool: ModernPool = new ModernPool(
    () => source.take(),
    () => clientsBusy() < options.maxSessions,
  );
  const modern = createModernLeg(pool, () => undefined);

  const forget = (session: BridgeSession) => {
    opening.delete(session);
    health.delete(session);
    if (session.sessionId !== undefined) sessions.delete(session.sessionId);
  };

  async function openSession(request: Request, body: InitializeRequest): Promise<Response> {
    // Health checks (the supervisor's periodic one, an on-demand one) get slots of their own: a full
    // bridge is busy, not unhealthy, and a check never makes a client wait.
    const isHealth = body.params.clientInfo.name === HEALTH_CLIENT_NAME;
    const used = isHealth ? busy : clientsBusy;
    const limit = options.maxSessions + (isHealth ? HEALTH_SLOTS : 0);
    if (used() >= limit) reclaim(true);
    if (used() >= limit && !pool.evictOne()) return atLimit();
    const session = new BridgeSession(source.take(), forget);
    if (isHealth) health.add(session);
    opening.add(session);
    await session.start();
    const response = await session.http.handleRequest(request, { parsedBody: body });
    opening.delete(session);
    if (session.sessionId !== undefined && session.child.alive) sessions.set(session.sessionId, session);
    else session.close();
    return response;
  }

  /**
   * Ends every session whose client is gone (sooner when `full`: a new client waits); returns ms until
   * the next one may go (Infinity: none).
   */
  function reclaim(full = false, now = Date.now()): number {
    let next = Number.POSITIVE_INFINITY;
    for (const session of [...sessions.values()]) {
      const wait = session.reclaimableIn(options.idleMs, full, now);
      if (wait === 0) session.close('the session was reclaimed: its client is gone');
      else next = Math.min(next, wait);
    }
    return next;
  }

  function atLimit(): Response {
    const next = reclaim(true);
    // Requests in flight keep a session past the quiet time, but rarely for long: never ask for more.
    const seconds = Math.min(RETRY_AFTER_MAX_S, Math.max(1, Math.ceil(next / 1000)));
    const message = `bridge at its limit of ${options.maxSessions} sessions: retry in ${seconds} s`;
    const response = jsonRpcError(null, -32603, message, 503);
    response.headers.set('retry-after', String(seconds));
    return response;
  }

  async function route(request: Request): Promise<Response> {
    const sessionId = request.headers.get('mcp-session-id');
    if (sessionId !== null) {
      const session = sessions.get(sessionId);
      if (session === undefined) return jsonRpcError(null, -32001, 'Session not found', 404);
      return session.handle(request);
    }
    if (!(await isLegacyRequest(request))) return routeModern(request);
    if (request.method !== 'POST')
      return jsonRpcError(null, -32000, 'Mcp-Session-Id header is required', 400);
    const body: unknown = await request
      .clone()
      .json()
      .catch(() => undefined);
    if (body === undefined) return jsonRpcError(null, -32700, 'Parse error: body is not JSON', 400);
    if (isInitializeRequest(body)) return openSession(request, body);
    return jsonRpcError(null, -32000, 'Mcp-Session-Id header is required (send initialize first)', 400);
  }

  function routeModern(request: Request): Promise<Response> | Response {
    if (pool.hasRoom) return modern.fetch(request);
    // Pooled children free up as soon as their request is answered: a short wait is enough.
    const busy = jsonRpcError(null, -32603, `bridge at its limit of ${options.maxSessions} sessions`, 503);
    busy.headers.set('retry-after', '1');
    return busy;
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
      reclaim();
      pool.sweep(options.idleMs);
    },
    load() {
      reclaim();
      const inUse = clientsBusy();
      return {
        inUse,
        maxSessions: options.maxSessions,
        atLimit: inUse >= options.maxSessions && pool.idleCount === 0,
      };
    },
    warm: () => source.refill(),
    close() {
      for (const session of [...sessions.values(), ...opening]) session.close();
      pool.sweep(0);
      source.close();
      void modern.close();
    },
  };
}
