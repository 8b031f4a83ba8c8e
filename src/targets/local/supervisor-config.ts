/**
 * supervisor.json: everything the detached supervisor needs to run one deployment. Written by the target,
 * read by the supervisor at start. It names the environment variables the server needs but never holds
 * their values: those reach the supervisor through its process environment only.
 */
import type { HealthAuth, RestartPolicy, TransportKind } from '../target.js';

export interface SupervisorConfig {
  readonly name: string;
  readonly version: string;
  readonly projectDir: string;
  readonly command: readonly string[];
  readonly transport: TransportKind;
  readonly port: number;
  /** The user chose the port: never move it. Otherwise `start` picks a new one if it was taken meanwhile. */
  readonly portPinned: boolean;
  readonly restart: RestartPolicy;
  readonly healthIntervalMs: number;
  /** Restart the server after this many failed health checks in a row (0: never, only report `unhealthy`). */
  readonly unhealthyRestartAfter: number;
  /** Time for one start of the server to pass its first health check before it counts as a crash. */
  readonly startTimeoutMs: number;
  /** Grace period between SIGTERM and SIGKILL of the server's process group. */
  readonly stopTimeoutMs: number;
  readonly log: { readonly maxBytes: number; readonly files: number };
  readonly bridge: { readonly maxSessions: number; readonly sessionIdleMs: number };
  /** How to run the stdio↔HTTP bridge (node + its entry script); used when `transport` is stdio. */
  readonly bridgeCommand: readonly string[];
  /** How health checks authenticate (HTTP transport only); names an env var, never holds its value. */
  readonly healthAuth?: HealthAuth;
  /** Names of env vars the server needs (documentation and checks; values are never stored). */
  readonly envNames: readonly string[];
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  maxRestarts: 5,
  windowMs: 60_000,
  initialDelayMs: 100,
  maxDelayMs: 10_000,
};

export const DEFAULTS = {
  healthIntervalMs: 10_000,
  unhealthyRestartAfter: 3,
  startTimeoutMs: 15_000,
  stopTimeoutMs: 5_000,
  readyTimeoutMs: 30_000,
  log: { maxBytes: 5 * 1024 * 1024, files: 3 },
  // Each bridge session holds a whole server process. Five minutes without a request covers a person
  // pausing between prompts; while the bridge is full and a new client waits, 30 s of quiet is enough to
  // reclaim a session (bridge-session.ts), so a bridge is never locked for longer than that.
  bridge: { maxSessions: 16, sessionIdleMs: 5 * 60_000 },
} as const;
