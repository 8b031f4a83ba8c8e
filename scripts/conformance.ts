/**
 * Runs the official MCP conformance suite against an MCP server on Streamable HTTP and compares the result
 * with test/verification/conformance-baseline.json.
 *
 *   npx tsx scripts/conformance.ts                                  the hand-written baseline server
 *   npx tsx scripts/conformance.ts --spec examples/notes.yaml       generate + bundle a spec, test that
 *       [--env KEY=VALUE]…                                          (environment the server needs)
 *   npx tsx scripts/conformance.ts --url http://127.0.0.1:3000/mcp  a server that is already running
 *   common: [--baseline-key <server id>] [--scenario <name>]…      accepted failures (default: those of
 *                                                                    `baseline` / `generated`, none for
 *                                                                    --url) and scenarios to run
 *
 * Exit code 0 when only accepted failures occurred, 1 otherwise. The suite and Node 22 are installed into
 * the verification cache on first use.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { bundle } from '../src/generator/index.js';
import { runScenarios } from '../test/verification/lib/conformance.js';
import {
  compareWithBaseline,
  loadBaseline,
  summarizeRuns,
} from '../test/verification/lib/conformance-baseline.js';
import {
  generatedServer,
  generateInto,
  parseValidSpec,
  removeDir,
  tempDir,
} from '../test/verification/lib/generated-server.js';
import { type RunningHttpServer, startHttpServer } from '../test/verification/lib/http-server.js';
import { baselineServer, type ServerUnderTest } from '../test/verification/lib/server-under-test.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    spec: { type: 'string' },
    env: { type: 'string', multiple: true },
    'baseline-key': { type: 'string' },
    scenario: { type: 'string', multiple: true },
  },
});

interface Target {
  readonly url: string;
  readonly key: string | undefined;
  release(): Promise<void>;
}

/** Generates and bundles a spec into a temp folder; the folder goes when the target is released. */
async function specServer(
  path: string,
  env: Record<string, string>,
): Promise<{ server: ServerUnderTest; dir: string }> {
  const spec = parseValidSpec(await readFile(path, 'utf8'), path);
  const parent = await tempDir('conformance');
  const dir = await generateInto(spec, parent);
  await bundle(dir);
  const sample = { tool: '', arguments: {}, expected: {} };
  const server = generatedServer({
    id: 'generated',
    label: spec.name,
    spec,
    dir,
    entry: 'dist/server.mjs',
    env,
    sampleCall: sample,
  });
  return { server, dir: parent };
}

async function resolveTarget(): Promise<Target> {
  if (values.url) return { url: values.url, key: values['baseline-key'], release: async () => {} };
  let server = baselineServer();
  let folder: string | undefined;
  if (values.spec) {
    const env = Object.fromEntries(
      (values.env ?? []).map((pair) => [pair.split('=')[0]!, pair.slice(pair.indexOf('=') + 1)]),
    );
    ({ server, dir: folder } = await specServer(values.spec, env));
  }
  const running: RunningHttpServer = await startHttpServer(server);
  return {
    url: running.url,
    key: values['baseline-key'] ?? server.id,
    release: async () => {
      await running.stop();
      if (folder) await removeDir(folder);
    },
  };
}

function section(title: string, lines: readonly string[]): string[] {
  return lines.length > 0 ? ['', `${title}:`, ...lines.map((line) => `  - ${line}`)] : [];
}

const baseline = await loadBaseline();
const target = await resolveTarget();
try {
  const started = performance.now();
  const runs = await runScenarios(target.url, values.scenario ?? baseline.scenarios);
  const result = compareWithBaseline(runs, target.key ? (baseline.expectedFailures[target.key] ?? {}) : {});
  // A run of chosen scenarios cannot judge baseline entries for the others.
  const stale = values.scenario ? [] : result.staleEntries;
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const report = [
    `${baseline.suite} against ${target.url} (${seconds} s, accepted failures: ${target.key ?? 'none'})`,
    summarizeRuns(runs),
    ...section('Unexpected failures', result.unexpectedFailures),
    ...section('Baseline entries that no longer fail (remove them)', stale),
    ...section('Scenarios that produced no checks', result.brokenRuns),
  ];
  process.stdout.write(`${report.join('\n')}\n`);
  process.exitCode = result.unexpectedFailures.length + result.brokenRuns.length + stale.length > 0 ? 1 : 0;
} finally {
  await target.release();
}
