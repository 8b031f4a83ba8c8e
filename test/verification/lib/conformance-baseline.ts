/**
 * The expected-failures baseline for the conformance suite: which checks may fail for which server, each
 * with the reason it is accepted. A comparison reports failures that are not in the baseline AND baseline
 * entries that no longer fail, so the file cannot silently rot.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioRun } from './conformance.js';
import { repoRoot } from './repo-root.js';

export const BASELINE_FILE = 'test/verification/conformance-baseline.json';

export interface ConformanceBaseline {
  /** The suite version the baseline was recorded with. */
  readonly suite: string;
  readonly scenarios: readonly string[];
  /** Server id → `<scenario>/<check id>` → why this failure is accepted. */
  readonly expectedFailures: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface BaselineComparison {
  /** Checks that failed and are not in the baseline, with the suite's message. */
  readonly unexpectedFailures: readonly string[];
  /** Baseline entries that did not fail this time (fixed, renamed or no longer run): remove them. */
  readonly staleEntries: readonly string[];
  /** Scenarios that produced no checks at all (the suite crashed or timed out). */
  readonly brokenRuns: readonly string[];
}

const FAILING = new Set(['FAILURE', 'ERROR']);

export async function loadBaseline(path = join(repoRoot(), BASELINE_FILE)): Promise<ConformanceBaseline> {
  return JSON.parse(await readFile(path, 'utf8')) as ConformanceBaseline;
}

export function compareWithBaseline(
  runs: readonly ScenarioRun[],
  accepted: Readonly<Record<string, string>>,
): BaselineComparison {
  const checks = runs.flatMap((run) => run.checks);
  const failed = new Set(checks.filter((check) => FAILING.has(check.status)).map((check) => check.key));
  const unexpectedFailures = checks
    .filter((check) => FAILING.has(check.status) && !(check.key in accepted))
    .map((check) => `${check.key}: ${check.description}${check.error ? ` — ${check.error}` : ''}`);
  const staleEntries = Object.keys(accepted).filter((key) => !failed.has(key));
  const brokenRuns = runs
    .filter((run) => run.checks.length === 0 && run.exitCode !== 0)
    .map((run) => `${run.scenario} (exit ${run.exitCode}): ${run.output.slice(-2000)}`);
  return { unexpectedFailures, staleEntries, brokenRuns };
}

/** One line per scenario: passed / failed / warnings and how long it took. */
export function summarizeRuns(runs: readonly ScenarioRun[]): string {
  return runs
    .map((run) => {
      const count = (status: string) => run.checks.filter((check) => check.status === status).length;
      const time = `${Math.round(run.durationMs)} ms`;
      return `${run.scenario}: ${count('SUCCESS')} passed, ${count('FAILURE')} failed, ${count('WARNING')} warnings (${time})`;
    })
    .join('\n');
}
