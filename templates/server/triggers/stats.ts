/**
 * Per-trigger counters kept in memory, like lib/metrics.ts keeps them per tool (tool calls made by a
 * trigger are also counted there, because triggers call tools through the server's own path).
 */
export interface TriggerCounters {
  runs: number;
  succeeded: number;
  failed: number;
  /** Attempts after the first. */
  retries: number;
  /** Events not run: a cron tick while the previous run was still going (overlap: false). */
  skipped: number;
  aborted: number;
  totalMs: number;
  lastRunAt: string | null;
  lastError: string | null;
}

export class TriggerStats {
  readonly #triggers = new Map<string, TriggerCounters>();

  entry(id: string): TriggerCounters {
    let counters = this.#triggers.get(id);
    if (!counters) {
      counters = {
        runs: 0,
        succeeded: 0,
        failed: 0,
        retries: 0,
        skipped: 0,
        aborted: 0,
        totalMs: 0,
        lastRunAt: null,
        lastError: null,
      };
      this.#triggers.set(id, counters);
    }
    return counters;
  }

  snapshot(): Record<string, TriggerCounters> {
    return Object.fromEntries([...this.#triggers].map(([id, c]) => [id, { ...c }]));
  }
}
