/**
 * `<home>/docker/<name>/deployment.json`: what status, start and remove need from a fresh process — the
 * image, port, limits and the names (never the values) of the environment variables. The engine holds
 * the running truth; this file only says what we deployed and whether we stopped it on purpose.
 */
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FactoryError } from '../../errors.js';
import { assertDeploymentName } from '../local/paths.js';
import { readJsonFile, writeJsonAtomic } from '../local/state-file.js';
import type { HealthAuth, HealthResult } from '../target.js';

export interface DockerDeployment {
  readonly name: string;
  readonly version: string;
  /** `mcp-factory/<name>:<tag>` */
  readonly image: string;
  /** The base image the build actually used (the local one when the requested base could not be pulled). */
  readonly baseImage: string;
  /** Host port on 127.0.0.1 (with replicas: the balancer's). */
  readonly port: number;
  /** The port the server listens on inside the container. */
  readonly containerPort: number;
  /** `node <entry>` inside /app. */
  readonly entry: string;
  /** 1: one container; more: that many replica containers behind a balancer container. */
  readonly replicas: number;
  readonly memoryMb: number;
  readonly cpus?: number;
  readonly pids: number;
  readonly maxRestarts: number;
  /**
   * 0: an unhealthy container is only reported; otherwise the watcher restarts it once the engine's
   * HEALTHCHECK calls it unhealthy (the image's retries decide how many failed checks that takes).
   * Absent in records written before the watcher: restart.
   */
  readonly unhealthyRestartAfter?: number;
  /** Interval of the image's HEALTHCHECK when the deploy asked for one (else the Dockerfile's own). */
  readonly healthIntervalMs?: number;
  readonly stopTimeoutMs: number;
  readonly readyTimeoutMs: number;
  readonly log: { readonly maxBytes: number; readonly files: number };
  /** Names of the environment variables handed to the container (the artifact's declared ones). */
  readonly envNames: readonly string[];
  readonly healthAuth?: HealthAuth;
  readonly deployedAt: string;
  /** Set by stop, cleared by start: an exited container we stopped is `stopped`, not `failed`. */
  readonly stoppedByUs?: boolean;
  /** Why the last deploy/start gave up (it then stopped what it had started); cleared by start. */
  readonly failure?: string;
  /** The tools/list that ended the last deploy/start, with the container start it belongs to. */
  readonly readyCheck?: { readonly startedAt: string; readonly result: HealthResult };
}

export interface DockerPaths {
  readonly dir: string;
  readonly record: string;
}

export function dockerRoot(home: string): string {
  return join(home, 'docker');
}

export function dockerPaths(home: string, name: string): DockerPaths {
  assertDeploymentName(name);
  const dir = join(dockerRoot(home), name);
  return { dir, record: join(dir, 'deployment.json') };
}

export function readRecord(paths: DockerPaths): DockerDeployment | undefined {
  return readJsonFile<DockerDeployment>(paths.record);
}

export function writeRecord(paths: DockerPaths, record: DockerDeployment): void {
  mkdirSync(paths.dir, { recursive: true });
  writeJsonAtomic(paths.record, record);
}

export function loadRecord(home: string, name: string): { paths: DockerPaths; record: DockerDeployment } {
  const paths = dockerPaths(home, name);
  const record = readRecord(paths);
  if (record === undefined) {
    throw new FactoryError('NOT_FOUND', `no docker deployment named "${name}"`, {
      hint: `docker deployments live in ${dockerRoot(home)}`,
    });
  }
  return { paths, record };
}

export function recordedNames(home: string): string[] {
  const root = dockerRoot(home);
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => existsSync(join(root, name, 'deployment.json')))
    .sort();
}
