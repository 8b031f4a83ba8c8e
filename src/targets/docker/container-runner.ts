/** A deployment as one container named `mcp-factory-<name>` (see container-spec.ts for how it runs). */
import type Docker from 'dockerode';
import type { LogOptions } from '../target.js';
import { containerSpec } from './container-spec.js';
import { containerGone, type ObservedState, observeContainer } from './container-state.js';
import type { DockerDeployment } from './deployment-record.js';
import { type Engine, engineStatus, unlessMissing } from './engine.js';
import { lastDie } from './exit-events.js';
import { logBodyLines } from './log-lines.js';
import { containerName } from './names.js';
import type { Runner } from './runner.js';
import { settleStarting } from './starting-probe.js';

export class ContainerRunner implements Runner {
  constructor(private readonly engine: Engine) {}

  async create(record: DockerDeployment, env: readonly string[]): Promise<void> {
    const container = await this.engine.createContainer(containerSpec(record, env));
    await container.start();
  }

  async start(record: DockerDeployment): Promise<boolean> {
    try {
      await this.container(record).start();
      return true;
    } catch (error) {
      if (engineStatus(error) === 304) return true; // already running
      if (engineStatus(error) === 404) return false;
      throw error;
    }
  }

  async stop(record: DockerDeployment, timeoutMs: number): Promise<void> {
    try {
      await this.container(record).stop({ t: Math.ceil(timeoutMs / 1000) });
    } catch (error) {
      if (engineStatus(error) !== 304 && engineStatus(error) !== 404) throw error;
    }
  }

  async remove(record: DockerDeployment): Promise<void> {
    await unlessMissing(this.container(record).remove({ force: true }));
  }

  async observe(record: DockerDeployment): Promise<ObservedState> {
    return observeNamed(this.engine, record, containerName(record.name));
  }

  logs(record: DockerDeployment, options: LogOptions): AsyncIterable<string> {
    return containerLogs(this.container(record), options);
  }

  details(observed: ObservedState): Record<string, string | number | boolean> {
    return { container: observed.containerId ?? 'none', replicas: 1 };
  }

  private container(record: DockerDeployment) {
    return this.engine.getContainer(containerName(record.name));
  }
}

/**
 * One container's state: settled by a tools/list while its HEALTHCHECK has not run yet, and with the exit
 * that preceded a restart (see exit-events.ts).
 */
export async function observeNamed(
  engine: Engine,
  record: DockerDeployment,
  name: string,
): Promise<ObservedState> {
  const inspect = await unlessMissing(engine.getContainer(name).inspect());
  if (inspect === undefined) return containerGone(record);
  const hostPort = inspect.NetworkSettings.Ports?.[`${record.containerPort}/tcp`]?.[0]?.HostPort;
  const settled = await settleStarting(observeContainer(record, inspect), record, hostPort);
  const observed = hostPort ? { ...settled, hostPort: Number(hostPort) } : settled;
  if (inspect.RestartCount === 0 || !inspect.State.Running) return observed;
  const died = await lastDie(engine, inspect.Id, inspect.Created).catch(() => undefined);
  return died === undefined ? observed : { ...observed, lastExit: died };
}

/** A container's log as lines (`timestamps`: each line starts with the engine's RFC 3339 time). */
export async function* containerLogs(
  container: Docker.Container,
  options: LogOptions,
  timestamps = false,
): AsyncGenerator<string> {
  const body = (await container.logs({
    stdout: true,
    stderr: true,
    timestamps,
    tail: options.tail ?? 100,
    follow: (options.follow ?? false) as true,
    ...(options.signal === undefined ? {} : { abortSignal: options.signal }),
  })) as unknown as NodeJS.ReadableStream | Buffer;
  yield* logBodyLines(body, options.signal);
}
