/**
 * The baseline comparison is what makes the conformance test able to fail: table-driven cases for a new
 * failure, an accepted failure, a fixed (stale) entry and a crashed scenario.
 */
import { describe, expect, it } from 'vitest';
import type { ConformanceCheck, ScenarioRun } from './lib/conformance.js';
import { compareWithBaseline, loadBaseline } from './lib/conformance-baseline.js';

const check = (key: string, status: string): ConformanceCheck => ({ key, status, description: key });
const run = (scenario: string, checks: ConformanceCheck[], exitCode = 0): ScenarioRun => ({
  scenario,
  checks,
  exitCode,
  durationMs: 1,
  output: 'boom',
});

describe('compareWithBaseline', () => {
  const cases: { name: string; runs: ScenarioRun[]; accepted: Record<string, string>; want: unknown }[] = [
    {
      name: 'an accepted failure is neither unexpected nor stale',
      runs: [run('s', [check('s/a', 'FAILURE'), check('s/b', 'SUCCESS')], 1)],
      accepted: { 's/a': 'reason' },
      want: { unexpectedFailures: [], staleEntries: [], brokenRuns: [] },
    },
    {
      name: 'a failure missing from the baseline is unexpected',
      runs: [run('s', [check('s/a', 'FAILURE')], 1)],
      accepted: {},
      want: { unexpectedFailures: ['s/a: s/a'], staleEntries: [], brokenRuns: [] },
    },
    {
      name: 'an accepted failure that now passes, is skipped or is gone is stale',
      runs: [run('s', [check('s/a', 'SUCCESS'), check('s/b', 'SKIPPED')])],
      accepted: { 's/a': 'r', 's/b': 'r', 's/c': 'r' },
      want: { unexpectedFailures: [], staleEntries: ['s/a', 's/b', 's/c'], brokenRuns: [] },
    },
    {
      name: 'warnings are not failures',
      runs: [run('s', [check('s/a', 'WARNING')])],
      accepted: {},
      want: { unexpectedFailures: [], staleEntries: [], brokenRuns: [] },
    },
    {
      name: 'a scenario that exits non-zero without checks is broken',
      runs: [run('s', [], 2)],
      accepted: {},
      want: { unexpectedFailures: [], staleEntries: [], brokenRuns: ['s (exit 2): boom'] },
    },
  ];

  it.each(cases)('$name', ({ runs, accepted, want }) => {
    expect(compareWithBaseline(runs, accepted)).toEqual(want);
  });
});

describe('conformance-baseline.json', () => {
  it('gives a reason for every accepted failure and only names scenarios it runs', async () => {
    const baseline = await loadBaseline();
    for (const accepted of Object.values(baseline.expectedFailures)) {
      for (const [key, reason] of Object.entries(accepted)) {
        expect(reason.length, key).toBeGreaterThan(20);
        expect(baseline.scenarios, key).toContain(key.split('/')[0]);
      }
    }
  });
});
