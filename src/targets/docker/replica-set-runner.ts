/**
 * `replicas` > 1: N containers `mcp-factory-<name>-<i>` of the same image on the deployment's own network
 * `mcp-factory-<name>-net` under one DNS alias, and the balancer `mcp-factory-<name>` (balancer.ts) on the
 * one published port. Each replica is also published on its own 127.0.0.1 port, so its health can be
 * checked with a real tools/list one by one. They share the data volume. stop/start/remove act on all of them.
 */
import type Docker from 'dockerode';
import type { LogOptions } from '../target.js';
import { balancerSpec, REPLICA_ALIAS, ROLE_LABEL } from './balancer.js';
import { containerLogs, observeNamed } from './container-runner.js';
import { containerSpec } from './container-spec.js';
import type { ObservedState } from './container-state.js';
import { endpointOf } from './deployment-info.js';
import type { DockerDeployment } from './deployment-record.js';
import { type Engine, engineStatus, unlessMissing } from './engine.js';
import { interleave, mergeByTime } from './merge-lines.js';
import { containerName, ownLabels } from './names.js';
import { aggregateReplicas } from './replica-state.js';
import type { Runner } from './runner.js';

export function replicaName(name: string, index: number): string {
  return `${containerName(name)}-${index}`;
}

export function networkName(name: string): string {
  return `${containerName(name)}-net`;
}

export class ReplicaSetRunner implements Runner {
  constructor(private readonly engine: Engine) {}

  async create(record: DockerDeployment, env: readonly string[]): Promise<void> {
    const network = networkName(record.name);
    if ((await unlessMissing(this.engine.getNetwork(network).inspect())) === undefined) {
      await this.engine.createNetwork({
        Name: network,
        Driver: 'bridge',
        Labels: ownLabels(record.name, record.version),
      });
    }
    await Promise.all(
      indexes(record).map(async (index) => {
        const spec = containerSpec(record, env, {
          name: replicaName(record.name, index),
          hostPort: '',
          network: { name: network, alias: REPLICA_ALIAS },
          labels: { [ROLE_LABEL]: `replica-${index}` },
        });
        await (await this.engine.createContainer(spec)).start();
      }),
    );
    await (await this.engine.createContainer(balancerSpec(record, network))).start();
  }

  /** false (after clearing what is left) when any of the containers is gone: the target creates them anew. */
  async start(record: DockerDeployment): Promise<boolean> {
    const names = this.names(record);
    const present = await Promise.all(
      names.map((name) => unlessMissing(this.engine.getContainer(name).inspect())),
    );
    if (present.some((inspect) => inspect === undefined)) {
      await this.remove(record);
      return false;
    }
    for (const name of names) await startIgnoringRunning(this.engine.getContainer(name));
    return true;
  }

  async stop(record: DockerDeployment, timeoutMs: number): Promise<void> {
    const t = Math.ceil(timeoutMs / 1000);
    await stopQuietly(this.engine.getContainer(containerName(record.name)), t);
    await Promise.all(
      indexes(record).map((i) => stopQuietly(this.engine.getContainer(replicaName(record.name, i)), t)),
    );
  }

  async remove(record: DockerDeployment): Promise<void> {
    await Promise.all(
      this.names(record).map((name) => unlessMissing(this.engine.getContainer(name).remove({ force: true }))),
    );
    await unlessMissing(this.engine.getNetwork(networkName(record.name)).remove());
  }

  async observe(record: DockerDeployment): Promise<ObservedState> {
    const [balancer, ...replicas] = await Promise.all([
      observeNamed(this.engine, record, containerName(record.name)),
      ...indexes(record).map((i) => observeNamed(this.engine, record, replicaName(record.name, i))),
    ]);
    const endpoints = replicas.flatMap((replica, i) =>
      replica.hostPort === undefined
        ? []
        : [{ id: `replica-${i + 1}`, endpoint: endpointOf(replica.hostPort) }],
    );
    return { ...aggregateReplicas(record, balancer as ObservedState, replicas), replicaEndpoints: endpoints };
  }

  logs(record: DockerDeployment, options: LogOptions): AsyncIterable<string> {
    const sources = indexes(record).map((i) => ({
      label: `replica-${i}`,
      lines: containerLogs(this.engine.getContainer(replicaName(record.name, i)), options, !options.follow),
    }));
    return options.follow ? interleave(sources) : mergeByTime(sources, options.tail ?? 100);
  }

  details(observed: ObservedState, record: DockerDeployment): Record<string, string | number | boolean> {
    const ready = /^(\d+)\//.exec(observed.reason ?? '')?.[1];
    const count = observed.state === 'running' ? record.replicas : Number(ready ?? 0);
    return { balancer: observed.containerId ?? 'none', replicas: `${count}/${record.replicas}` };
  }

  private names(record: DockerDeployment): string[] {
    return [...indexes(record).map((i) => replicaName(record.name, i)), containerName(record.name)];
  }
}

function indexes(record: DockerDeployment): number[] {
  return Array.from({ length: record.replicas }, (_, i) => i + 1);
}

async function startIgnoringRunning(container: Docker.Container): Promise<void> {
  try {
    await container.start();
  } catch (error) {
    if (engineStatus(error) !== 304) throw error;
  }
}

async function stopQuietly(container: Docker.Container, seconds: number): Promise<void> {
  try {
    await container.stop({ t: seconds });
  } catch (error) {
    if (engineStatus(error) !== 304 && engineStatus(error) !== 404) throw error;
  }
}
