/**
 * Which modules a CLI command loads: runs it in a child process from source with import-trace.mjs preloaded
 * and returns every module URL it resolved, in order.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const ROOT = resolve(import.meta.dirname, '../..');
let runs = 0;

/** `work` is a scratch folder: the trace file and the factory home of the run go there. */
export async function modulesLoadedBy(argv: readonly string[], work: string): Promise<string[]> {
  const trace = join(work, `run-${++runs}.trace`);
  const entry = `import('./src/cli/main.ts').then((cli) => cli.main(${JSON.stringify(argv)}))`;
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--import', './test/helpers/import-trace.mjs', '--input-type=module', '-e', entry],
    { cwd: ROOT, env: { ...process.env, IMPORT_TRACE_FILE: trace, MCP_FACTORY_HOME: join(work, 'home') } },
  );
  return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
}
