/**
 * The official MCP conformance suite, server side, against each server on Streamable HTTP: the scenarios
 * that fit any server (conformance-baseline.json lists them). Fails on a failed check that is not in the
 * expected-failures baseline and on a baseline entry that no longer fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConformance, runScenarios } from './lib/conformance.js';
import { compareWithBaseline, loadBaseline, summarizeRuns } from './lib/conformance-baseline.js';
import { type RunningHttpServer, startHttpServer } from './lib/http-server.js';
import { verificationSubjects } from './lib/subjects.js';

const { servers: subjects, dispose } = await verificationSubjects({ bridge: true });
afterAll(dispose);
const baseline = await loadBaseline();

beforeAll(async () => {
  await ensureConformance(); // first run installs the suite and Node 22 (~15 s)
}, 180_000);

describe.each(subjects)('conformance suite against $label', (server) => {
  let running: RunningHttpServer;
  beforeAll(async () => {
    running = await startHttpServer(server);
  });
  afterAll(async () => {
    await running?.stop();
  });

  it('fails only the checks its baseline accepts, and every accepted failure still fails', async () => {
    const started = performance.now();
    const runs = await runScenarios(running.url, baseline.scenarios);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.info(`conformance against ${server.label} (${seconds} s):\n${summarizeRuns(runs)}`);

    const comparison = compareWithBaseline(runs, baseline.expectedFailures[server.id] ?? {});
    expect(comparison.brokenRuns, 'scenarios that produced no checks').toEqual([]);
    expect(comparison.unexpectedFailures, 'failures not in conformance-baseline.json').toEqual([]);
    expect(comparison.staleEntries, 'baseline entries that now pass: remove them').toEqual([]);
    expect(runs.flatMap((run) => run.checks).length).toBeGreaterThan(20);
  }, 180_000);
});
