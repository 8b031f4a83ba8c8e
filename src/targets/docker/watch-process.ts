/**
 * Starting and ending a deployment's watcher (watcher.ts). It is spawned detached, in its own session, so
 * it outlives the CLI that deployed or started the deployment; stop and remove end it by its recorded pid,
 * checked against its command line so an unrelated process that reused the pid is never signalled.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledEntries } from '../local/node-entry.js';
import { isProcessAlive, signalProcess, waitUntil } from '../local/process-tree.js';
import { EMPTY_HISTORY } from '../local/restart-policy.js';
import { writeJsonAtomic } from '../local/state-file.js';
import type { DockerPaths } from './deployment-record.js';
import { readWatch, watcherAlive, watchFile, watchLog } from './watch-state.js';

const dir = dirname(fileURLToPath(import.meta.url));
const command = bundledEntries({
  cacheName: 'mcp-factory-docker',
  dir,
  entries: ['watch-main'],
  sources: [dir, join(dir, '..', 'local'), join(dir, '..', 'target.ts'), join(dir, '..', '..', 'errors.ts')],
});

export async function startWatcher(paths: DockerPaths, dockerHost: string | undefined): Promise<void> {
  await stopWatcher(paths);
  const [node, ...script] = await command('watch-main');
  const out = openSync(watchLog(paths), 'a');
  // Only what it needs to run and reach the engine: none of the caller's other variables (secrets).
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin' };
  const engine = dockerHost ?? process.env.DOCKER_HOST;
  if (engine !== undefined) env.DOCKER_HOST = engine;
  const child = spawn(node ?? process.execPath, [...script, paths.dir], {
    cwd: paths.dir,
    env,
    detached: true,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  child.unref();
  // Known at once, so status and a stop right after this call find it (the watcher rewrites the same).
  if (child.pid !== undefined) {
    writeJsonAtomic(watchFile(paths), { pid: child.pid, restarts: 0, history: EMPTY_HISTORY });
  }
}

/** Ends the watcher (if one runs) and forgets what it did: a start begins with a clean history. */
export async function stopWatcher(paths: DockerPaths): Promise<void> {
  const watch = readWatch(paths);
  if (watch !== undefined && watcherAlive(paths, watch)) {
    signalProcess(watch.pid, 'SIGTERM');
    if (!(await waitUntil(() => !isProcessAlive(watch.pid), 3_000))) signalProcess(watch.pid, 'SIGKILL');
  }
  rmSync(watchFile(paths), { force: true });
}
