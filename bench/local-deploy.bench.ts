/**
 * Local target: deploy → healthy (supervisor up, server spawned, first real MCP tools/list answered), for
 * an HTTP server and for a stdio server behind the bridge. Baseline, measured in the same run: the bare
 * server process spawned by hand, polled until its first tools/list answer (same client, same polling).
 * Target: deploy-to-healthy < 2 s; the ratio column shows what supervision costs over the bare spawn.
 *
 *   npm run bench -- local-deploy         through the bench runner
 *   npx tsx bench/local-deploy.bench.ts   standalone
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from '../src/targets/local/free-port.js';
import { checkHealth, loadHealthClient } from '../src/targets/local/health-check.js';
import { LocalTarget } from '../src/targets/local/local-target.js';
import type { Artifact, TransportKind } from '../src/targets/target.js';
import { defineBench, formatTable, runBench } from './lib/measure.js';

const TARGET_MS = 2_000;
const FIXTURE = 'test/targets/fixtures/echo-server.mjs';

/** The repository root, from bench/ (tsx) or dist/bench/ (compiled). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, FIXTURE))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find ${FIXTURE} above the bench folder`);
    dir = parent;
  }
  return dir;
}

const fixtureDir = join(repoRoot(), 'test', 'targets', 'fixtures');
const home = mkdtempSync(join(tmpdir(), 'mcpf-bench-'));
const target = new LocalTarget({ home });
const deployed: string[] = [];

function artifact(name: string): Artifact {
  return {
    name,
    version: '1.0.0',
    projectDir: fixtureDir,
    command: ['node', 'echo-server.mjs'],
    transports: ['http', 'stdio'],
  };
}

/** Spawn the bare server and poll until it answers tools/list: the floor any supervisor sits on. */
async function bareSpawnToFirstResponse(): Promise<void> {
  const port = await freePort();
  const child = spawn(process.execPath, ['echo-server.mjs', '--transport', 'http', '--port', String(port)], {
    cwd: fixtureDir,
    stdio: 'ignore',
  });
  try {
    for (;;) {
      if ((await checkHealth(`http://127.0.0.1:${port}/mcp`, { timeoutMs: 2_000 })).ok) return;
      await sleep(20);
    }
  } finally {
    child.kill('SIGKILL');
  }
}

function deployCase(transport: TransportKind): () => Promise<void> {
  return async () => {
    const name = `bench-${transport}-${deployed.length}`;
    deployed.push(name);
    // A long health interval keeps earlier deployments' periodic checks out of later samples.
    await target.deploy(artifact(name), { transport, healthIntervalMs: 600_000 });
  };
}

async function cleanup(): Promise<void> {
  for (const name of deployed.splice(0)) await target.remove(name).catch(() => undefined);
  rmSync(home, { recursive: true, force: true });
}

const bench = defineBench({
  name: 'local-deploy',
  description: `deploy → healthy (tools/list answered); target < ${TARGET_MS} ms`,
  iterations: 8,
  warmup: 1,
  setup: async () => {
    await loadHealthClient(); // the baseline's client must be as warm as the supervisor's
    process.once('beforeExit', () => void cleanup());
    return [
      { name: 'bare server spawn → first tools/list', baseline: true, fn: bareSpawnToFirstResponse },
      { name: 'deploy http → healthy', fn: deployCase('http'), targetMedianMs: TARGET_MS },
      { name: 'deploy stdio (bridge) → healthy', fn: deployCase('stdio'), targetMedianMs: TARGET_MS },
    ];
  },
});

export default bench;

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const result = await runBench(bench);
  process.stdout.write(`${formatTable(result)}\n`);
  for (const line of result.missed) process.stderr.write(`MISSED ${line}\n`);
  await cleanup();
  process.exitCode = result.missed.length > 0 ? 1 : 0;
}
