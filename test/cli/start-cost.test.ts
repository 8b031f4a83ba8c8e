/**
 * Commands that never reach a deployment target must not load one: the docker target pulls in dockerode
 * (with gRPC and protobuf) and the local target the MCP client, ≈0.5 s of CPU at every start.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'mcpf-start-cost-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function modulesLoadedBy(argv: readonly string[]): Promise<string[]> {
  const trace = join(work, `${argv.join('-').replace(/[^a-z-]/g, '')}.trace`);
  const entry = `import('./src/cli/main.ts').then((cli) => cli.main(${JSON.stringify(argv)}))`;
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--import', './test/helpers/import-trace.mjs', '--input-type=module', '-e', entry],
    { cwd: ROOT, env: { ...process.env, IMPORT_TRACE_FILE: trace, MCP_FACTORY_HOME: join(work, 'home') } },
  );
  return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
}

const TARGET_MODULES =
  /\/src\/targets\/(docker\/(?!names\.ts)|microvm\/|local\/)|\/node_modules\/(dockerode|@modelcontextprotocol\/client)\//;

describe('CLI start cost', () => {
  it.each([[['--help']], [['validate', 'examples/notes.yaml']]])(
    '%j loads no deployment target',
    async (argv) => {
      const loaded = await modulesLoadedBy(argv);
      expect(loaded.some((url) => url.includes('/src/cli/main.ts'))).toBe(true);
      expect(loaded.filter((url) => TARGET_MODULES.test(url))).toEqual([]);
    },
  );
});
