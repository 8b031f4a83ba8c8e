/**
 * Runs the official MCP conformance suite against an MCP server on Streamable HTTP and compares the result
 * with test/verification/conformance-baseline.json.
 *
 *   npx tsx scripts/conformance.ts                                  the hand-written baseline server
 *   npx tsx scripts/conformance.ts --url http://127.0.0.1:3000/mcp  a server that is already running
 *       [--baseline-key <server id>] [--scenario <name>]…           (defaults: no accepted failures, the
 *                                                                    generic scenarios of the baseline file)
 *
 * Exit code 0 when only accepted failures occurred, 1 otherwise. The suite and Node 22 are installed into
 * the verification cache on first use.
 */
import { parseArgs } from 'node:util';
import { runScenarios } from '../test/verification/lib/conformance.js';
import {
  compareWithBaseline,
  loadBaseline,
  summarizeRuns,
} from '../test/verification/lib/conformance-baseline.js';
import { type RunningHttpServer, startHttpServer } from '../test/verification/lib/http-server.js';
import { baselineServer } from '../test/verification/lib/server-under-test.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    'baseline-key': { type: 'string' },
    scenario: { type: 'string', multiple: true },
  },
});

const baseline = await loadBaseline();
// Without --url, start the hand-written baseline server and test that.
const running: RunningHttpServer | undefined = values.url
  ? undefined
  : await startHttpServer(baselineServer());
const url = values.url ?? running?.url ?? '';
const key = values['baseline-key'] ?? (values.url ? undefined : 'baseline');
const scenarios = values.scenario ?? baseline.scenarios;

try {
  const started = performance.now();
  const runs = await runScenarios(url, scenarios);
  const result = compareWithBaseline(runs, key ? (baseline.expectedFailures[key] ?? {}) : {});
  // A run of chosen scenarios cannot judge baseline entries for the others.
  const stale = values.scenario ? [] : result.staleEntries;
  const report = [
    `${baseline.suite} against ${url} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
    summarizeRuns(runs),
    ...section('Unexpected failures', result.unexpectedFailures),
    ...section('Baseline entries that no longer fail (remove them)', stale),
    ...section('Scenarios that produced no checks', result.brokenRuns),
  ];
  process.stdout.write(`${report.join('\n')}\n`);
  const failed = result.unexpectedFailures.length + result.brokenRuns.length + stale.length;
  process.exitCode = failed > 0 ? 1 : 0;
} finally {
  await running?.stop();
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length > 0 ? ['', `${title}:`, ...lines.map((line) => `  - ${line}`)] : [];
}
