/**
 * In-memory per-tool counters, served as JSON at `GET /metrics` (the factory's registry polls it).
 * Nothing here is persisted; a restart starts from zero, which `uptimeSeconds` makes visible.
 */
export interface ToolMetrics {
  calls: number;
  errors: number;
  totalMs: number;
  avgMs: number;
  lastCallAt: string | null;
}

export interface MetricsSnapshot {
  name: string;
  version: string;
  uptimeSeconds: number;
  inFlight: number;
  totals: { calls: number; errors: number };
  tools: Record<string, ToolMetrics>;
  /** Per trigger: runs, succeeded, failed, retries, skipped… (servers with triggers only). */
  triggers?: Record<string, unknown>;
}

export class Metrics {
  readonly startedAt = Date.now();
  readonly #tools = new Map<string, ToolMetrics>();
  #triggers: (() => Record<string, unknown>) | undefined;
  #inFlight = 0;

  constructor(toolNames: readonly string[] = []) {
    for (const name of toolNames) this.#tools.set(name, emptyMetrics());
  }

  /** Marks the start of a call; the returned function records its end. */
  start(tool: string): (outcome: { error: boolean }) => void {
    const began = performance.now();
    this.#inFlight++;
    let done = false;
    return ({ error }) => {
      if (done) return;
      done = true;
      this.#inFlight--;
      this.record(tool, performance.now() - began, error);
    };
  }

  record(tool: string, ms: number, error: boolean): void {
    const entry = this.#tools.get(tool) ?? emptyMetrics();
    entry.calls++;
    if (error) entry.errors++;
    entry.totalMs = round(entry.totalMs + ms);
    entry.avgMs = round(entry.totalMs / entry.calls);
    entry.lastCallAt = new Date().toISOString();
    this.#tools.set(tool, entry);
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  uptimeSeconds(): number {
    return Math.round((Date.now() - this.startedAt) / 1000);
  }

  /** Trigger run counters (kept by the trigger runtime) to serve with the tool metrics. */
  setTriggerSource(read: () => Record<string, unknown>): void {
    this.#triggers = read;
  }

  snapshot(server: { name: string; version: string }): MetricsSnapshot {
    const tools: Record<string, ToolMetrics> = {};
    let calls = 0;
    let errors = 0;
    for (const [name, entry] of [...this.#tools].sort(([a], [b]) => a.localeCompare(b))) {
      tools[name] = { ...entry };
      calls += entry.calls;
      errors += entry.errors;
    }
    return {
      name: server.name,
      version: server.version,
      uptimeSeconds: this.uptimeSeconds(),
      inFlight: this.#inFlight,
      totals: { calls, errors },
      tools,
      ...(this.#triggers ? { triggers: this.#triggers() } : {}),
    };
  }
}

function emptyMetrics(): ToolMetrics {
  return { calls: 0, errors: 0, totalMs: 0, avgMs: 0, lastCallAt: null };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
