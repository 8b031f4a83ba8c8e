/**
 * `<home>/docker/<name>/watch.json`: what the deployment's watcher (watcher.ts) did — its pid, the
 * containers it replaced or restarted, its crash history for the restart policy, and why it gave up. The
 * watcher is its only writer; status reads it to count those restarts and to say `failed` once it gave up.
 */
import { join } from 'node:path';
import { commandLineIncludes, isProcessAlive } from '../local/process-tree.js';
import type { CrashHistory } from '../local/restart-policy.js';
import { readJsonFile } from '../local/state-file.js';
import type { DockerPaths } from './deployment-record.js';

export interface WatchState {
  readonly pid: number;
  /** Containers the watcher started again (after `docker kill`) or restarted (unhealthy). */
  readonly restarts: number;
  readonly history: CrashHistory;
  readonly lastAction?: { readonly at: string; readonly container: string; readonly reason: string };
  /** A repair waiting for its backoff delay: status says `starting` meanwhile, not `failed`. */
  readonly pending?: { readonly container: string; readonly reason: string };
  /** Set when the restart policy gave up: the deployment is then `failed` with this reason. */
  readonly gaveUp?: string;
}

export function watchFile(paths: DockerPaths): string {
  return join(paths.dir, 'watch.json');
}

export function watchLog(paths: DockerPaths): string {
  return join(paths.dir, 'watch.log');
}

export function readWatch(paths: DockerPaths): WatchState | undefined {
  return readJsonFile<WatchState>(watchFile(paths));
}

/** The recorded pid is alive and is this deployment's watcher (its command line names the folder). */
export function watcherAlive(paths: DockerPaths, watch: WatchState | undefined): boolean {
  return watch !== undefined && isProcessAlive(watch.pid) && commandLineIncludes(watch.pid, paths.dir);
}
