/**
 * Servers for the benchmarks (bench/startup.bench.ts, bench/throughput.bench.ts): the hand-written baseline
 * and the generated counterpart of the same two tools. The bench harness has no teardown hook, so every
 * process and folder made here is released when the benchmark process exits.
 */
import { rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { freePort } from './free-port.js';
import { tempDir } from './generated-server.js';
import { repoRoot } from './repo-root.js';
import { BASELINE_ENTRY, baselineServer, type ServerUnderTest } from './server-under-test.js';
import { spawnLaunch } from './spawned-process.js';
import { generatedCalcServer } from './subjects.js';

export interface BenchPair {
  readonly subject: ServerUnderTest;
  readonly baseline: ServerUnderTest;
}

const exitTasks: (() => void)[] = [];
process.once('exit', () => {
  for (const task of exitTasks) task();
});

/**
 * The generated calc server (specs/calc.yaml) and the baseline, both as plain modules loading the SDK
 * from node_modules (`plain`) or both as one-file esbuild bundles (`bundled`: the generator's bundle() for
 * the generated one, the same esbuild settings for the baseline). Folders are removed at exit.
 */
export async function benchPair(form: 'plain' | 'bundled' = 'plain'): Promise<BenchPair> {
  const parent = await tempDir('bench');
  exitTasks.push(() => rmSync(parent, { recursive: true, force: true }));
  if (form === 'plain') return { subject: await generatedCalcServer(parent), baseline: baselineServer() };
  const baselineBundle = join(parent, 'baseline.mjs');
  await build({
    entryPoints: [join(repoRoot(), BASELINE_ENTRY)],
    outfile: baselineBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'silent',
  });
  return {
    subject: await generatedCalcServer(parent, 'bundled'),
    baseline: baselineServer(baselineBundle, 'baseline (bundled with esbuild)'),
  };
}

/**
 * Starts `server` on HTTP for the rest of the process: the child is unref'd (it does not keep the
 * benchmark alive) and killed when the benchmark exits. Returns the MCP endpoint URL once /healthz answers.
 */
export async function httpForProcessLifetime(server: ServerUnderTest): Promise<string> {
  const port = await freePort();
  const proc = spawnLaunch(server.http(port));
  proc.child.unref();
  // A child's pipes are net.Sockets at run time, though typed as plain streams.
  for (const pipe of [proc.child.stdout, proc.child.stderr]) (pipe as Socket | null)?.unref();
  exitTasks.push(() => proc.child.kill('SIGKILL'));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`${base}${server.healthPath ?? server.mcpPath}`).then(
      (response) => response.status < 500,
      () => false,
    );
    if (ok) return `${base}${server.mcpPath}`;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${server.label} did not start on HTTP:\n${proc.output()}`);
}
