/**
 * The prompt door: offline drafting time per prompt over the development set (target: median < 50 ms), the
 * whole draft (YAML + the spec parser), and the whole `mcp-create` process with `--prompt` against
 * `--spec` of the spec it drafts, in the same run (both write, generate and catalogue into a throwaway home).
 *
 *   npm run bench -- prompt
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { draft } from '../src/intake/prompt/index.js';
import { readPrompt } from '../src/intake/prompt/offline/offline-provider.js';
import { DEV_SET } from '../test/intake/prompt/dev-set.js';
import { defineBench } from './lib/measure.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SEED = DEV_SET[0]?.prompt ?? '';
let work = '';

/** One `mcp-create …` process, as a user runs it (from source through tsx: the same cost on both sides). */
function mcpCreate(args: readonly string[]): void {
  const entry = `import(${JSON.stringify(join(ROOT, 'src/cli/main.ts'))}).then((m) => m.main(${JSON.stringify(['create', ...args])}))`;
  const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['-e', entry], {
    cwd: work,
    env: { ...process.env, MCP_FACTORY_HOME: join(work, 'home') },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`mcp-create ${args[0]} failed: ${run.stderr}`);
}

function cycle<T>(items: readonly T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length] as T;
}

export default defineBench({
  name: 'prompt',
  description: 'offline drafting per prompt (target median < 50 ms) and mcp-create --prompt vs --spec',
  iterations: 20,
  warmup: 3,
  setup: async () => {
    work = mkdtempSync(join(tmpdir(), 'bench-prompt-'));
    const seedYaml = (await draft(SEED, { provider: 'offline', env: {} })).yaml;
    writeFileSync(join(work, 'seed.mcp.yaml'), seedYaml);
    const nextPrompt = cycle(DEV_SET.map((c) => c.prompt));
    const nextDraft = cycle(DEV_SET.map((c) => c.prompt));
    const clean = () => {
      rmSync(join(work, 'inventory-mcp'), { recursive: true, force: true });
      rmSync(join(work, 'inventory-mcp.mcp.yaml'), { force: true });
    };
    return [
      {
        name: 'offline reader, one dev-set prompt',
        fn: () => readPrompt(nextPrompt()),
        targetMedianMs: 50,
        iterations: 200,
      },
      {
        name: 'draft(): reader + YAML + spec parser',
        fn: () => draft(nextDraft(), { provider: 'offline', env: {} }),
        targetMedianMs: 50,
        iterations: 200,
      },
      {
        name: 'mcp-create --spec seed (process)',
        baseline: true,
        fn: () => mcpCreate(['--spec', 'seed.mcp.yaml']),
        before: clean,
        iterations: 8,
        warmup: 1,
      },
      {
        name: 'mcp-create --prompt seed (process)',
        fn: () => mcpCreate(['--prompt', SEED]),
        before: clean,
        iterations: 8,
        warmup: 1,
      },
    ];
  },
  teardown: () => rmSync(work, { recursive: true, force: true }),
});
