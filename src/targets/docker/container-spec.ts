/**
 * The engine's create-container request for a deployment: HTTP on 127.0.0.1:<port>, the data volume at
 * /data as the working directory, a read-only root with a tmpfs /tmp, the non-root `node` user with no
 * capabilities and no privilege gain, memory/pid/cpu limits, restart on failure, rotated json-file logs,
 * and an init process (signals reach the server, zombies are reaped).
 */
import type Docker from 'dockerode';
import type { DockerDeployment } from './deployment-record.js';
import { HOST_GATEWAY_ENTRY } from './host-services.js';
import { containerName, LABEL, ownLabels, volumeName } from './names.js';

export const DATA_DIR = '/data';
export const APP_DIR = '/app';
export const TMPFS_OPTIONS = 'rw,nosuid,nodev,size=64m';

/** Where a container sits: the deployment's own (`mcp-factory-<name>`, on 127.0.0.1:<port>) by default. */
export interface Placement {
  readonly name: string;
  /** Host port on 127.0.0.1; '' for one the engine picks. */
  readonly hostPort: string;
  /** A user-defined network to join, with a DNS alias there. */
  readonly network?: { readonly name: string; readonly alias: string };
  readonly labels?: Readonly<Record<string, string>>;
}

export function containerSpec(
  record: DockerDeployment,
  env: readonly string[],
  placement: Placement = { name: containerName(record.name), hostPort: String(record.port) },
): Docker.ContainerCreateOptions {
  const exposed = `${record.containerPort}/tcp`;
  const { network } = placement;
  return {
    name: placement.name,
    Image: record.image,
    Cmd: ['node', `${APP_DIR}/${record.entry}`],
    WorkingDir: DATA_DIR,
    User: 'node',
    Env: [...env],
    Labels: { ...runLabels(record), ...placement.labels },
    ExposedPorts: { [exposed]: {} },
    StopSignal: 'SIGTERM',
    StopTimeout: Math.ceil(record.stopTimeoutMs / 1000),
    ...healthcheckCadence(record),
    HostConfig: {
      PortBindings: { [exposed]: [{ HostIp: '127.0.0.1', HostPort: placement.hostPort }] },
      Mounts: [{ Type: 'volume', Source: volumeName(record.name), Target: DATA_DIR }],
      // Loopback service URLs are rewritten to this name (host-services.ts).
      ExtraHosts: [HOST_GATEWAY_ENTRY],
      ...CONFINED,
      ...resourceLimits(record),
      RestartPolicy: { Name: 'on-failure', MaximumRetryCount: record.maxRestarts },
      LogConfig: { Type: 'json-file', Config: logRotation(record) },
      ...(network === undefined ? {} : { NetworkMode: network.name }),
    },
    ...(network === undefined
      ? {}
      : { NetworkingConfig: { EndpointsConfig: { [network.name]: { Aliases: [network.alias] } } } }),
  };
}

/** Read-only root with a tmpfs /tmp, no capabilities, no privilege gain, an init process. */
export const CONFINED = {
  Tmpfs: { '/tmp': TMPFS_OPTIONS },
  ReadonlyRootfs: true,
  CapDrop: ['ALL'],
  SecurityOpt: ['no-new-privileges'],
  Init: true,
};

/**
 * Only the interval: the engine fills the other fields (the test command, timeout, retries, start period)
 * from the image's HEALTHCHECK, which stays the source of truth.
 */
export function healthcheckCadence(record: DockerDeployment): { Healthcheck?: { Interval: number } } {
  return record.healthIntervalMs === undefined
    ? {}
    : { Healthcheck: { Interval: record.healthIntervalMs * 1_000_000 } };
}

export function runLabels(record: DockerDeployment): Record<string, string> {
  return {
    ...ownLabels(record.name, record.version),
    [LABEL.port]: String(record.port),
    [LABEL.transport]: 'http',
  };
}

export function resourceLimits(record: DockerDeployment): {
  Memory: number;
  MemorySwap: number;
  PidsLimit: number;
  NanoCpus?: number;
} {
  const memory = record.memoryMb * 1024 * 1024;
  return {
    Memory: memory,
    MemorySwap: memory, // no swap on top: the limit is the limit
    PidsLimit: record.pids,
    ...(record.cpus === undefined ? {} : { NanoCpus: Math.round(record.cpus * 1e9) }),
  };
}

export function logRotation(record: DockerDeployment): Record<string, string> {
  return { 'max-size': String(record.log.maxBytes), 'max-file': String(record.log.files) };
}
