/**
 * The benchmark harness: run a function N times, report median and p95, and print a table with each
 * case's ratio to a baseline measured in the same run (so machine speed and NODE_EXTRA_CA_CERTS-style
 * overheads cancel out). A bench file is `export default defineBench({ … })`; bench/run.ts finds it.
 */
import { performance } from 'node:perf_hooks';

export interface Measurement {
  readonly name: string;
  readonly iterations: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly minMs: number;
  readonly meanMs: number;
  /** Median CPU time of this process per run: less sensitive than wall time to other load on the machine. */
  readonly cpuMedianMs: number;
}

export interface MeasureOptions {
  /** Timed runs (default 30). */
  readonly iterations?: number;
  /** Untimed runs first, so the JIT has warmed up (default 5). */
  readonly warmup?: number;
  /** Untimed preparation before every run (e.g. removing the previous deployment or a cached image). */
  readonly before?: () => unknown;
}

export async function measure(
  name: string,
  fn: () => unknown,
  { iterations = 30, warmup = 5, before }: MeasureOptions = {},
): Promise<Measurement> {
  for (let i = 0; i < warmup; i++) {
    await before?.();
    await fn();
  }
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < iterations; i++) {
    await before?.();
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  samples.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return {
    name,
    iterations,
    medianMs: percentile(samples, 0.5),
    p95Ms: percentile(samples, 0.95),
    minMs: samples[0] ?? 0,
    meanMs: samples.reduce((sum, s) => sum + s, 0) / Math.max(samples.length, 1),
    cpuMedianMs: percentile(cpu, 0.5),
  };
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank]!;
}

export interface BenchCase extends MeasureOptions {
  readonly name: string;
  readonly fn: () => unknown;
  /** The case others are compared with (at most one per bench). */
  readonly baseline?: boolean;
  /** Fail the run when the median is above this. */
  readonly targetMedianMs?: number;
  /** Fail the run when the median is more than this many times the baseline's (measured in the same run). */
  readonly targetRatio?: number;
}

export interface Bench extends MeasureOptions {
  readonly name: string;
  readonly description?: string;
  /** Builds the inputs (untimed) and returns the cases to measure. */
  readonly setup: () => readonly BenchCase[] | Promise<readonly BenchCase[]>;
  /** Removes what setup made (deployments, containers, VMs), before the next bench starts. */
  readonly teardown?: () => unknown;
}

export function defineBench(bench: Bench): Bench {
  return bench;
}

export interface BenchResult {
  readonly bench: Bench;
  readonly rows: readonly Row[];
  /** One line per case whose median missed its target. */
  readonly missed: readonly string[];
}

export async function runBench(bench: Bench): Promise<BenchResult> {
  const rows = [];
  try {
    const cases = await bench.setup();
    for (const c of cases) rows.push({ ...(await measure(c.name, c.fn, { ...bench, ...c })), case: c });
  } finally {
    await bench.teardown?.();
  }
  const baseline = rows.find((r) => r.case.baseline);
  const missed = rows
    .map((r) => ({ r, target: targetOf(r, baseline) }))
    .filter(({ target }) => target && !target.ok)
    .map(({ r, target }) => `${bench.name} / ${r.name}: median ${r.medianMs.toFixed(2)} ms, ${target?.text}`);
  return { bench, rows, missed };
}

type Row = Measurement & { readonly case: BenchCase };

/** A case's target (absolute median, or ratio to the baseline) and whether it was met. */
function targetOf(row: Row, baseline: Row | undefined): { ok: boolean; text: string } | undefined {
  const { targetMedianMs, targetRatio } = row.case;
  if (targetMedianMs !== undefined) {
    const ok = row.medianMs <= targetMedianMs;
    return { ok, text: `< ${targetMedianMs} ms ${ok ? 'ok' : 'MISSED'}` };
  }
  if (targetRatio === undefined || !baseline) return undefined;
  const ok = row.medianMs <= targetRatio * baseline.medianMs;
  return { ok, text: `≤ ${targetRatio}× ${ok ? 'ok' : 'MISSED'}` };
}

export function formatTable(result: BenchResult): string {
  const baseline = result.rows.find((r) => r.case.baseline);
  const header = [
    'case',
    'median ms',
    'p95 ms',
    'min ms',
    'cpu ms',
    `× ${baseline ? 'baseline' : '-'}`,
    'target',
  ];
  const body = result.rows.map((r) => [
    r.name + (r.case.baseline ? ' (baseline)' : ''),
    r.medianMs.toFixed(2),
    r.p95Ms.toFixed(2),
    r.minMs.toFixed(2),
    r.cpuMedianMs.toFixed(2),
    baseline ? (r.medianMs / baseline.medianMs).toFixed(2) : '-',
    targetOf(r, baseline)?.text ?? '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const title = `${result.bench.name}${result.bench.description ? ` — ${result.bench.description}` : ''}`;
  const iterations = `(${result.rows[0]?.iterations ?? 0} runs each)`;
  return [`${title} ${iterations}`, line(header), ...body.map(line)].join('\n');
}
