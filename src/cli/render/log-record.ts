/**
 * One log line as a structured record for `logs --json`: the server writes JSON lines (time, level, msg,
 * fields), replicas' lines carry a `replica-N | ` prefix, and anything else (a crash trace, a VM console
 * line) is kept whole as `msg`.
 */
export type LogRecord = Readonly<Record<string, unknown>>;

const REPLICA_PREFIX = /^(replica-\d+) \| /;

export function logRecord(line: string): LogRecord {
  const replica = REPLICA_PREFIX.exec(line);
  const text = replica ? line.slice(replica[0].length) : line;
  const source = replica ? { replica: replica[1] } : {};
  return { ...source, ...parseObject(text) };
}

function parseObject(text: string): Record<string, unknown> {
  if (text.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(text);
      if (typeof value === 'object' && value !== null && !Array.isArray(value))
        return value as Record<string, unknown>;
    } catch {
      // Not JSON after all: kept as text below.
    }
  }
  return { msg: text };
}
