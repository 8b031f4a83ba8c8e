/**
 * The spec intake fuzz: `mutants` hostile spec texts from `seed` (spec-mutants.ts), each parsed and judged
 * in a worker thread (spec-oracle.ts) under a per-case time limit. A case over the limit is a hang: its worker
 * is terminated and a fresh one takes the next case; a worker that dies (out of memory) is a crash. Used by
 * the CI test (a few hundred mutants) and by `npm run fuzz` (any number, e.g. 100,000).
 */
import { Worker } from 'node:worker_threads';
import { kindOf, type MutantKind } from './spec-mutants.js';
import type { Outcome } from './spec-oracle.js';

export type CaseOutcome = Outcome | 'hang';

export interface CaseResult {
  readonly index: number;
  readonly kind: MutantKind;
  readonly outcome: CaseOutcome;
  readonly ms: number;
  readonly bytes?: number;
  readonly detail?: string;
}

export interface FuzzOptions {
  readonly seed: number;
  readonly mutants: number;
  /** Per-case limit in milliseconds (generation, parse, checks and plan of one mutant). */
  readonly limitMs: number;
  /** Share of mutants drawn at full size (default 0.003: a 100,000 run has about 300 of up to 1 MB). */
  readonly largeShare?: number;
  readonly onCase?: (result: CaseResult) => void;
}

export interface FuzzReport {
  readonly seed: number;
  readonly mutants: number;
  readonly counts: Record<CaseOutcome, number>;
  readonly byKind: Record<string, Partial<Record<CaseOutcome, number>>>;
  /** Crashes, hangs and accepted-but-unusable cases, each reproducible from (seed, index). */
  readonly failures: CaseResult[];
  readonly slowest: CaseResult | undefined;
  readonly elapsedMs: number;
}

const WORKER = new URL('./spec-fuzz-worker.mjs', import.meta.url);

class CaseWorker {
  private readonly worker: Worker;
  private readonly ready: Promise<void>;
  private pending: ((message: unknown) => void) | undefined;

  constructor() {
    // 1 GB stops an expansion that escaped the limits: the worker dies and the case counts as a crash.
    this.worker = new Worker(WORKER, { resourceLimits: { maxOldGenerationSizeMb: 1024 } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', reject);
    });
    this.worker.on('message', (message) => this.pending?.(message));
    this.worker.on('error', (error) => this.pending?.({ died: String(error) }));
    this.worker.on('exit', (code) => this.pending?.({ died: `exit ${code}` }));
  }

  async run(seed: number, index: number, large: number, limitMs: number): Promise<unknown> {
    await this.ready;
    return new Promise((resolve) => {
      const timer = setTimeout(() => finish('timeout'), limitMs);
      const finish = (message: unknown) => {
        clearTimeout(timer);
        this.pending = undefined;
        resolve(message);
      };
      this.pending = finish;
      this.worker.postMessage({ seed, index, large });
    });
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

export async function runSpecFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const started = performance.now();
  const counts: Record<CaseOutcome, number> = { refused: 0, accepted: 0, crash: 0, unusable: 0, hang: 0 };
  const byKind: FuzzReport['byKind'] = {};
  const failures: CaseResult[] = [];
  let slowest: CaseResult | undefined;
  let worker = new CaseWorker();
  try {
    for (let index = 0; index < options.mutants; index++) {
      const answer = await worker.run(options.seed, index, options.largeShare ?? 0.003, options.limitMs);
      const result = toResult(options.seed, index, answer, options.limitMs);
      if (result.outcome === 'hang' || result.outcome === 'crash') {
        await worker.stop();
        worker = new CaseWorker();
      }
      counts[result.outcome] += 1;
      const kind = byKind[result.kind] ?? {};
      kind[result.outcome] = (kind[result.outcome] ?? 0) + 1;
      byKind[result.kind] = kind;
      if (result.outcome === 'crash' || result.outcome === 'hang' || result.outcome === 'unusable')
        failures.push(result);
      if (!slowest || result.ms > slowest.ms) slowest = result;
      options.onCase?.(result);
    }
  } finally {
    await worker.stop();
  }
  return {
    seed: options.seed,
    mutants: options.mutants,
    counts,
    byKind,
    failures,
    slowest,
    elapsedMs: performance.now() - started,
  };
}

function toResult(seed: number, index: number, answer: unknown, limitMs: number): CaseResult {
  const kind = kindOf(index);
  if (answer === 'timeout')
    return { index, kind, outcome: 'hang', ms: limitMs, detail: `over ${limitMs} ms (seed ${seed})` };
  if (typeof answer === 'object' && answer !== null && 'died' in answer) {
    return { index, kind, outcome: 'crash', ms: 0, detail: `worker died: ${String(answer.died)}` };
  }
  return answer as CaseResult;
}
