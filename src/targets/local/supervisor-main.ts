/**
 * Entry point of the detached supervisor process: `node supervisor-main.js <deployment dir>`. The deployment
 * folder is on the command line on purpose: it lets `status` tell this process from an unrelated one that
 * reused its pid. This is a process entry, so it may exit the process (library code never does).
 */
import { basename, dirname } from 'node:path';
import { deploymentPaths } from './paths.js';
import { readJsonFile } from './state-file.js';
import { Supervisor } from './supervisor.js';
import type { SupervisorConfig } from './supervisor-config.js';

async function main(): Promise<number> {
  const dir = process.argv[2];
  if (dir === undefined) {
    process.stderr.write('usage: supervisor-main <deployment dir>\n');
    return 2;
  }
  const paths = deploymentPaths(dirname(dirname(dir)), basename(dir));
  const config = readJsonFile<SupervisorConfig>(paths.config);
  if (config === undefined) {
    process.stderr.write(`no supervisor config at ${paths.config}\n`);
    return 2;
  }
  const supervisor = new Supervisor(config, paths);
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(signal, () => void supervisor.stop(`${signal} received`));
  }
  process.on('uncaughtException', (error) => {
    process.stderr.write(`supervisor crashed: ${error.stack ?? error.message}\n`);
    void supervisor.stop('supervisor crashed').finally(() => process.exit(70));
  });
  supervisor.start();
  return supervisor.done;
}

const code = await main();
process.exit(code);
