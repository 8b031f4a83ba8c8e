/**
 * The spec intake fuzz kept in CI (issue 11): a few hundred hostile spec texts — alias bombs, huge and
 * numerous keys, huge strings, hostile `pattern`s, control characters, deep nesting, duplicate keys, damaged
 * YAML — each parsed in a worker under a per-case time limit. None may crash the parser, hang past the limit,
 * or be accepted when the runtime cannot use it (lib/spec-oracle.ts). `npm run fuzz -- --mutants 100000`
 * runs the same fuzz at full size; a failure reproduces from the seed and index it prints.
 */
import { describe, expect, it } from 'vitest';
import { runSpecFuzz } from './lib/spec-fuzz.js';
import { MUTANT_KINDS } from './lib/spec-mutants.js';

const SEED = Number(process.env.MCP_FUZZ_SEED ?? 1);
/** Generous for a loaded CI machine: validation of the largest mutant takes about a second here. */
const LIMIT_MS = 10_000;

describe('spec intake fuzz', () => {
  it('no crash, no hang, nothing accepted that the runtime cannot use', async () => {
    // One in twenty drawn at full size, so the CI run reaches the limits (1 MB strings, 6,000 aliases).
    const report = await runSpecFuzz({ seed: SEED, mutants: 200, limitMs: LIMIT_MS, largeShare: 0.05 });
    expect(report.failures).toEqual([]);
    expect(report.counts.crash + report.counts.hang + report.counts.unusable).toBe(0);
    expect(Object.keys(report.byKind).sort()).toEqual([...MUTANT_KINDS].sort());
    // The fuzz must exercise both sides: some mutants are refused, some accepted and checked.
    expect(report.counts.refused).toBeGreaterThan(0);
    expect(report.counts.accepted).toBeGreaterThan(0);
  }, 180_000);
});
