/**
 * The Docker target: builds `mcp-factory/<name>:<version>` from the artifact's image context and runs it
 * on the engine — one hardened container, or N of them behind a balancer container
 * for `replicas` > 1. The engine holds the
 * running truth; `<home>/docker/<name>/deployment.json` says what was deployed (no secret values), so every
 * call works from a fresh CLI process.
 */
import { rmSync } from 'node:fs';
import { resolveHome } from '../../home.js';
import { withDeploymentLock } from '../local/deployment-lock.js';
import { checkHealth, healthHeaders, loadHealthClient } from '../local/health-check.js';
import type { DeploymentPaths } from '../local/paths.js';
import { stillDeployed } from '../local/still-deployed.js';
import type {
  Artifact,
  DeploymentInfo,
  DeployOptions,
  HealthOptions,
  HealthResult,
  LogOptions,
  RemoveOptions,
  StartOptions,
  StopOptions,
  Target,
} from '../target.js';
import { resolveBaseImage } from './base-image.js';
import { removeServerImages, removeVolume } from './cleanup.js';
import { ContainerRunner } from './container-runner.js';
import type { ObservedState } from './container-state.js';
import { ensureDataVolume } from './data-volume.js';
import { checkDockerArtifact, type ImageArtifact } from './deploy-checks.js';
import { describeDeployment, endpointOf, unreachable } from './deployment-info.js';
import {
  type DockerDeployment,
  type DockerPaths,
  dockerPaths,
  loadRecord,
  readRecord,
  recordedNames,
  writeRecord,
} from './deployment-record.js';
import { connectEngine, type Engine, engineFailure } from './engine.js';
import { GuardedRunner } from './guarded-runner.js';
import { checkHostServices, reachHostFromContainer } from './host-services.js';
import { buildServerImage } from './image-build.js';
import { assertNameFree } from './name-claim.js';
import { newRecord, recreatedEnv } from './new-record.js';
import { ReplicaSetRunner } from './replica-set-runner.js';
import { runEnv } from './run-env.js';
import type { Runner } from './runner.js';
import { waitReady } from './wait-ready.js';
import { startWatcher, stopWatcher } from './watch-process.js';

export interface DockerTargetOptions {
  /** Folder holding `docker/`; defaults to `MCP_FACTORY_HOME` or `~/.mcp-factory`, read at each call. */
  readonly home?: string;
  /** The engine (a DOCKER_HOST value such as `unix:///var/run/docker.sock`); defaults to `DOCKER_HOST`. */
  readonly dockerHost?: string;
}

export class DockerTarget implements Target {
  readonly kind = 'docker' as const;

  constructor(private readonly options: DockerTargetOptions = {}) {}

  async deploy(input: Artifact, options: DeployOptions = {}): Promise<DeploymentInfo> {
    const artifact = checkDockerArtifact(input, options);
    void loadHealthClient(); // warm the MCP client while the image builds
    const engine = await this.engine();
    const paths = dockerPaths(this.home(), artifact.name);
    return withDeploymentLock(lockPaths(paths), async () => {
      const previous = readRecord(paths);
      const { baseImage, ref } = await this.guard(this.prepare(engine, artifact, options, previous)).catch(
        (error: unknown) => {
          throw forgetIfNew(paths, error);
        },
      );
      const source = { ...process.env, ...options.env };
      const env = runEnv(artifact, artifact.image.port, source);
      const entries = await this.reachableEnv(engine, env.entries, options.progress);
      await stopWatcher(paths);
      if (previous !== undefined) await this.runnerFor(engine, previous).remove(previous);
      const record = await newRecord(artifact, options, {
        image: ref,
        baseImage,
        envNames: env.names,
        previous,
      });
      await this.guard(ensureDataVolume(engine, artifact.name, artifact.version));
      writeRecord(paths, record);
      await this.runnerFor(engine, record).create(record, entries);
      return this.becomeReady(engine, paths, record, healthHeaders(record.healthAuth, source));
    });
  }

  async status(name: string): Promise<DeploymentInfo> {
    return this.observe(name);
  }

  /** Every recorded deployment; without a reachable engine each says so instead of failing the list. */
  async list(): Promise<DeploymentInfo[]> {
    const names = recordedNames(this.home());
    if (names.length === 0) return [];
    let engine: Engine;
    try {
      engine = await this.engine();
    } catch (error) {
      return names.map((name) => unreachable(loadRecord(this.home(), name), error));
    }
    return Promise.all(names.map((name) => this.observe(name, engine)));
  }

  /** The recorded deployment as the engine shows it now (NOT_FOUND before any engine is asked). */
  private async observe(name: string, connected?: Engine): Promise<DeploymentInfo> {
    const { paths, record } = loadRecord(this.home(), name);
    const runner = this.runnerFor(connected ?? (await this.engine()), record);
    return describeDeployment(paths, record, await runner.observe(record), runner);
  }

  async stop(name: string, options: StopOptions = {}): Promise<DeploymentInfo> {
    const { paths, record } = loadRecord(this.home(), name);
    const engine = await this.engine();
    await withDeploymentLock(lockPaths(paths), async () => {
      const { failure: _cleared, ...kept } = record;
      const stopped = { ...kept, stoppedByUs: true };
      writeRecord(paths, stopped);
      await stopWatcher(paths);
      await this.runnerFor(engine, record).stop(stopped, options.timeoutMs ?? record.stopTimeoutMs);
    });
    return this.status(name);
  }

  /**
   * Start what exists with the environment it was created with; a container removed behind our back is
   * created again from the record, with values for its variables from `options.env` and this environment.
   * With values in `options.env` (the deployment's env file, read again by the caller), a deployment that
   * is not running is created anew so it runs with the file as it is now (the data volume stays).
   */
  async start(name: string, options: StartOptions = {}): Promise<DeploymentInfo> {
    const { paths, record } = loadRecord(this.home(), name);
    const engine = await this.engine();
    void loadHealthClient();
    return withDeploymentLock(lockPaths(paths), async () => {
      const { failure: _cleared, ...kept } = record;
      const current: DockerDeployment = {
        ...kept,
        stoppedByUs: false,
        ...(options.readyTimeoutMs === undefined ? {} : { readyTimeoutMs: options.readyTimeoutMs }),
      };
      writeRecord(paths, current);
      await stopWatcher(paths);
      const runner = this.runnerFor(engine, current);
      const source = { ...process.env, ...options.env };
      if (Object.keys(options.env ?? {}).length > 0 && !isLive(await runner.observe(current))) {
        await runner.remove(current);
      }
      if (!(await runner.start(current))) {
        const entries = await this.reachableEnv(engine, recreatedEnv(current, source), options.progress);
        await this.guard(ensureDataVolume(engine, current.name, current.version));
        await runner.create(current, entries);
      }
      return this.becomeReady(engine, paths, current, healthHeaders(current.healthAuth, source));
    });
  }

  async restart(name: string, options: StartOptions = {}): Promise<DeploymentInfo> {
    await this.stop(name);
    return this.start(name, options);
  }

  logs(name: string, options: LogOptions = {}): AsyncIterable<string> {
    const { record } = loadRecord(this.home(), name);
    const engine = () => this.engine();
    const runnerFor = (e: Engine) => this.runnerFor(e, record);
    return (async function* () {
      yield* runnerFor(await engine()).logs(record, options);
    })();
  }

  /**
   * Containers (and network) and folder. The data volume (the server's SQLite files) and the images stay
   * unless `purge`: a plain remove never deletes user data, and `purge` can take them later.
   */
  async remove(name: string, options: RemoveOptions = {}): Promise<void> {
    const { paths, record } = loadRecord(this.home(), name);
    const engine = await this.engine();
    await withDeploymentLock(lockPaths(paths), async () => {
      await stopWatcher(paths);
      await this.runnerFor(engine, record).remove(record);
      if (options.purge) await this.removeLeftovers(engine, record.name);
      rmSync(paths.dir, { recursive: true, force: true });
    });
  }

  async purge(name: string): Promise<string[]> {
    const paths = dockerPaths(this.home(), name);
    if (readRecord(paths) !== undefined) throw stillDeployed(name);
    return this.removeLeftovers(await this.engine(), name);
  }

  private async removeLeftovers(engine: Engine, name: string): Promise<string[]> {
    const volume = await this.guard(removeVolume(engine, name));
    return [...volume, ...(await this.guard(removeServerImages(engine, name)))];
  }

  /** Run from the caller's process: auth credentials (if any) come from its environment. */
  async health(name: string, options: HealthOptions = {}): Promise<HealthResult> {
    const { record } = loadRecord(this.home(), name);
    const env = { ...process.env, ...options.env };
    return checkHealth(endpointOf(record.port), { headers: healthHeaders(record.healthAuth, env) });
  }

  /** Everything before the first change to what runs: name check, base image, server image. */
  private async prepare(
    engine: Engine,
    artifact: ImageArtifact,
    options: DeployOptions,
    previous: DockerDeployment | undefined,
  ): Promise<{ baseImage: string; ref: string }> {
    if (previous === undefined) await assertNameFree(engine, artifact.name);
    const progress = options.progress ?? (() => undefined);
    const baseImage = await resolveBaseImage(engine, options.baseImage, progress);
    const { ref } = await buildServerImage(engine, artifact, baseImage, progress);
    return { baseImage, ref };
  }

  private async becomeReady(
    engine: Engine,
    paths: DockerPaths,
    record: DockerDeployment,
    headers: Record<string, string>,
  ): Promise<DeploymentInfo> {
    const runner = this.runnerFor(engine, record);
    const ready = await waitReady(runner, record, headers, endpointOf(record.port)).catch(
      async (error: unknown) => {
        // Nothing half-started stays up; the containers stay for their logs, the reason for status.
        await runner.stop(record, 1_000).catch(() => undefined);
        const reason = (error as { details?: { reason?: string } }).details?.reason ?? String(error);
        writeRecord(paths, { ...record, stoppedByUs: true, failure: `deploy/start gave up: ${reason}` });
        throw error;
      },
    );
    const checked: DockerDeployment = {
      ...record,
      ...(ready.observed.startedAt === undefined
        ? {}
        : { readyCheck: { startedAt: ready.observed.startedAt, result: ready.check } }),
    };
    writeRecord(paths, checked);
    // Observed before the watcher spawns, so what deploy reports is the state its own check just saw.
    const observed = await runner.observe(checked);
    await startWatcher(paths, this.dockerHost());
    return describeDeployment(paths, checked, observed, runner);
  }

  /** Loopback service URLs pointed at the host, refused when the host service cannot be reached there. */
  private async reachableEnv(
    engine: Engine,
    entries: readonly string[],
    progress: ((message: string) => void) | undefined,
  ): Promise<string[]> {
    const reach = reachHostFromContainer(entries);
    await checkHostServices(engine, reach.rewrites, progress ?? (() => undefined));
    return reach.entries;
  }

  private runnerFor(engine: Engine, record: DockerDeployment): Runner {
    const runner = record.replicas > 1 ? new ReplicaSetRunner(engine) : new ContainerRunner(engine);
    return new GuardedRunner(runner, this.dockerHost());
  }

  private engine(): Promise<Engine> {
    return connectEngine(this.dockerHost());
  }

  private dockerHost(): string | undefined {
    return this.options.dockerHost ?? process.env.DOCKER_HOST;
  }

  /** Engine calls the target makes itself (volumes, images), with the runners' error handling. */
  private guard<T>(work: Promise<T>): Promise<T> {
    return work.catch((error: unknown) => {
      throw engineFailure(error, this.dockerHost());
    });
  }

  private home(): string {
    return this.options.home ?? resolveHome();
  }
}

/** A first deploy that failed before anything ran leaves no folder behind (the lock made it). */
function forgetIfNew(paths: DockerPaths, error: unknown): unknown {
  if (readRecord(paths) === undefined) rmSync(paths.dir, { recursive: true, force: true });
  return error;
}

function isLive(observed: ObservedState): boolean {
  return observed.state === 'running' || observed.state === 'starting' || observed.state === 'unhealthy';
}

/** withDeploymentLock only uses the folder. */
function lockPaths(paths: DockerPaths): DeploymentPaths {
  return { dir: paths.dir } as DeploymentPaths;
}
