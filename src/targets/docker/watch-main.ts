/**
 * Entry point of a docker deployment's detached watcher: `node watch-main.js <deployment dir>` (the folder
 * on the command line lets status tell this process from an unrelated one that reused its pid). The engine
 * comes from DOCKER_HOST, which the target sets. This is a process entry, so it may exit the process.
 */
import { appendFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { dockerPaths } from './deployment-record.js';
import { connectEngine } from './engine.js';
import { watchLog } from './watch-state.js';
import { DeploymentWatcher } from './watcher.js';

async function main(): Promise<number> {
  const dir = process.argv[2];
  if (dir === undefined) {
    process.stderr.write('usage: watch-main <deployment dir>\n');
    return 2;
  }
  const paths = dockerPaths(dirname(dirname(dir)), basename(dir));
  const log = (line: string) => appendFileSync(watchLog(paths), `${new Date().toISOString()} ${line}\n`);
  const engine = await connectEngine(process.env.DOCKER_HOST);
  const stop = new AbortController();
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => stop.abort());
  log(`watcher ${process.pid} watching ${basename(dir)}`);
  await new DeploymentWatcher(engine, paths, log).run(stop.signal);
  log(`watcher ${process.pid} ends`);
  return 0;
}

process.exit(await main());
