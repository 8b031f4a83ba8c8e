/**
 * Interleaved A/B measurement for a noisy, shared machine: both sides are sampled in alternating order
 * (ABBA…) so drift in machine load hits both equally, and medians are compared rather than means.
 */

export interface Side {
  readonly name: string;
  /** One measurement (a duration in ms, a rate per second…); larger or smaller is better per benchmark. */
  sample(): Promise<number>;
}

export interface SideSummary {
  readonly name: string;
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
}

export interface InterleavedResult {
  readonly subject: SideSummary;
  readonly baseline: SideSummary;
  /** subject median / baseline median. */
  readonly ratio: number;
}

export interface InterleaveOptions {
  readonly iterations: number;
  /** Samples per side thrown away first (JIT, disk cache). */
  readonly warmup?: number;
}

export async function interleave(
  subject: Side,
  baseline: Side,
  options: InterleaveOptions,
): Promise<InterleavedResult> {
  for (let i = 0; i < (options.warmup ?? 1); i += 1) {
    await subject.sample();
    await baseline.sample();
  }
  const subjectSamples: number[] = [];
  const baselineSamples: number[] = [];
  for (let i = 0; i < options.iterations; i += 1) {
    const order = i % 2 === 0 ? ([subject, baseline] as const) : ([baseline, subject] as const);
    for (const side of order) {
      const value = await side.sample();
      (side === subject ? subjectSamples : baselineSamples).push(value);
    }
  }
  const s = summarize(subject.name, subjectSamples);
  const b = summarize(baseline.name, baselineSamples);
  return { subject: s, baseline: b, ratio: s.median / b.median };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function summarize(name: string, samples: readonly number[]): SideSummary {
  return { name, median: median(samples), min: Math.min(...samples), max: Math.max(...samples), samples };
}

export interface RatioTarget {
  /** `max`: the ratio must be at most `value` (times); `min`: at least (rates). */
  readonly kind: 'max' | 'min';
  readonly value: number;
}

export function meetsTarget(result: InterleavedResult, target: RatioTarget): boolean {
  return target.kind === 'max' ? result.ratio <= target.value : result.ratio >= target.value;
}

/** A small report: both medians (with min–max), the ratio and whether it meets the target. */
export function formatInterleaved(
  title: string,
  unit: string,
  result: InterleavedResult,
  target: RatioTarget,
): string {
  const side = (s: SideSummary) =>
    `  ${s.name.padEnd(44)} median ${s.median.toFixed(1).padStart(8)} ${unit}  (min ${s.min.toFixed(1)}, max ${s.max.toFixed(1)}, n=${s.samples.length})`;
  const verdict = meetsTarget(result, target) ? 'ok' : 'MISSED';
  const bound = `${target.kind === 'max' ? '≤' : '≥'} ${target.value}`;
  return [
    `${title} (interleaved)`,
    side(result.subject),
    side(result.baseline),
    `  ratio subject/baseline ${result.ratio.toFixed(3)} (target ${bound}) ${verdict}`,
  ].join('\n');
}
