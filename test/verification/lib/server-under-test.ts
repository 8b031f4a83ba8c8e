/**
 * What the verification rig needs to know about a server to test or benchmark it, whoever wrote it: how to
 * start it on stdio, how to start it on HTTP at a given port, where its endpoints are, and one tool call
 * with a known answer. The rig never looks inside the server.
 */
import { join } from 'node:path';
import { repoRoot } from './repo-root.js';

/** A process to spawn. `env` is added to the caller's environment (both benchmark sides get the same base). */
export interface Launch {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
}

/** One tool call whose structured result is known in advance. */
export interface SampleCall {
  readonly tool: string;
  readonly arguments: Readonly<Record<string, unknown>>;
  /** Compared with `structuredContent` (a subset match: extra fields are allowed). */
  readonly expected: Readonly<Record<string, unknown>>;
}

export interface ServerUnderTest {
  /** Short stable key: names the server's section in conformance-baseline.json and benchmark rows. */
  readonly id: string;
  /** Shown in test names and benchmark reports, e.g. `baseline (hand-written SDK v2)`. */
  readonly label: string;
  stdio(): Launch;
  http(port: number): Launch;
  /** Path of the Streamable HTTP endpoint, e.g. `/mcp`. */
  readonly mcpPath: string;
  /** Path answering 200 once the server is ready; without it readiness is probed with `tools/list`. */
  readonly healthPath?: string | undefined;
  /** Every tool the server must list. */
  readonly tools: readonly string[];
  readonly sampleCall: SampleCall;
}

export const BASELINE_ENTRY = 'bench/baseline/server.mjs';

/**
 * The hand-written minimal SDK v2 server (bench/baseline/server.mjs): the benchmark reference point.
 * `entry` swaps in another build of the same file (e.g. an esbuild bundle, see bench-servers.ts).
 */
export function baselineServer(
  entry = join(repoRoot(), BASELINE_ENTRY),
  label = 'baseline (hand-written SDK v2)',
): ServerUnderTest {
  const root = repoRoot();
  return {
    id: 'baseline',
    label,
    stdio: () => ({ command: process.execPath, args: [entry], env: {}, cwd: root }),
    http: (port) => ({
      command: process.execPath,
      args: [entry, '--http', '--port', String(port)],
      env: {},
      cwd: root,
    }),
    mcpPath: '/mcp',
    healthPath: '/healthz',
    tools: ['add', 'echo'],
    sampleCall: { tool: 'add', arguments: { a: 2, b: 3 }, expected: { sum: 5 } },
  };
}
