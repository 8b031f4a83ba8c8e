/**
 * `npm run fuzz -- --mutants 100000 --seed 7 [--limit-ms 5000] [--large-share 0.003]`: the spec intake fuzz at any size. Prints
 * counts per outcome and per kind, and every crash, hang and accepted-but-unusable case with the (seed, index)
 * that reproduces it; exits 1 when there is any.
 */
import { parseArgs } from 'node:util';
import { runSpecFuzz } from '../test/verification/lib/spec-fuzz.js';

const { values } = parseArgs({
  options: {
    mutants: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    'limit-ms': { type: 'string', default: '5000' },
    'large-share': { type: 'string', default: '0.003' },
  },
});
const mutants = Number(values.mutants);
const seed = Number(values.seed);
const limitMs = Number(values['limit-ms']);
const largeShare = Number(values['large-share']);
let done = 0;
const report = await runSpecFuzz({
  seed,
  mutants,
  limitMs,
  largeShare,
  onCase: () => {
    done += 1;
    if (done % 5000 === 0) process.stderr.write(`${done}/${mutants}\n`);
  },
});
const { counts } = report;
console.log(
  `spec fuzz: seed ${seed}, ${mutants} mutants, ${Math.round(report.elapsedMs / 1000)} s, limit ${limitMs} ms per case, large share ${largeShare}`,
);
console.log(
  `crashes ${counts.crash}, hangs ${counts.hang}, accepted-but-unusable ${counts.unusable} (refused ${counts.refused}, accepted ${counts.accepted})`,
);
for (const [kind, outcomes] of Object.entries(report.byKind))
  console.log(`  ${kind}: ${JSON.stringify(outcomes)}`);
if (report.slowest)
  console.log(`slowest: #${report.slowest.index} ${report.slowest.kind} ${Math.round(report.slowest.ms)} ms`);
for (const failure of report.failures.slice(0, 50)) {
  console.log(
    `${failure.outcome}: seed ${seed} index ${failure.index} (${failure.kind}): ${failure.detail ?? ''}`,
  );
}
process.exitCode = report.failures.length > 0 ? 1 : 0;
