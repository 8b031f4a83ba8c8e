/**
 * Logs as JSON lines on stderr, never stdout: on the stdio transport stdout carries the protocol, so one
 * stray line there breaks the client. One object per line keeps the logs greppable and machine-readable.
 */
import type { ToolLogger } from './contract.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger extends ToolLogger {
  debug(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines all carry these fields (e.g. the tool name). */
  child(fields: Record<string, unknown>): Logger;
}

/** Where log lines go; `process.stderr` unless a test captures them. */
export interface LogSink {
  write(line: string): unknown;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function parseLogLevel(value: string | undefined): LogLevel {
  const level = value?.trim().toLowerCase();
  return level === 'debug' || level === 'info' || level === 'warn' || level === 'error' ? level : 'info';
}

export function createLogger(
  options: { level?: LogLevel; sink?: LogSink; fields?: Record<string, unknown> } = {},
): Logger {
  const sink = options.sink ?? process.stderr;
  const threshold = LEVELS[options.level ?? 'info'];
  const base = options.fields ?? {};
  const write = (level: LogLevel, msg: string, fields?: Record<string, unknown>) => {
    if (LEVELS[level] < threshold) return;
    const line = { time: new Date().toISOString(), level, msg, ...base, ...fields };
    sink.write(`${safeStringify(line)}\n`);
  };
  return {
    debug: (msg, fields) => write('debug', msg, fields),
    info: (msg, fields) => write('info', msg, fields),
    warn: (msg, fields) => write('warn', msg, fields),
    error: (msg, fields) => write('error', msg, fields),
    child: (fields) => createLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

/** JSON.stringify that never throws (bigint, cycles): a log call must not crash the server. */
function safeStringify(value: unknown): string {
  const seen = new WeakSet<object>();
  return JSON.stringify(value, (_key, v: unknown) => {
    if (typeof v === 'bigint') return v.toString();
    if (v instanceof Error) return { name: v.name, message: v.message };
    if (typeof v === 'object' && v !== null) {
      if (seen.has(v)) return '[circular]';
      seen.add(v);
    }
    return v;
  });
}
