/**
 * Services on the host named by loopback URLs (`postgres://…@127.0.0.1:5432/db`, `redis://localhost`)
 * are the host's, but inside a container loopback is the container itself. Such URLs are rewritten to
 * `host.docker.internal`, which every container resolves to the host (ExtraHosts `host-gateway`, see
 * container-spec.ts). That address is the default bridge's gateway: a service listening on 127.0.0.1 only
 * is not reachable there, so the deploy is refused with a hint rather than reported healthy while every
 * tool that needs the service fails.
 */
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { FactoryError } from '../../errors.js';
import type { Engine } from './engine.js';

export const HOST_ALIAS = 'host.docker.internal';
/** The ExtraHosts entry that makes HOST_ALIAS resolve to the host's bridge gateway. */
export const HOST_GATEWAY_ENTRY = `${HOST_ALIAS}:host-gateway`;

/** scheme://[user[:password]@]loopback-host — the host followed by a port, path, query or the end. */
const LOOPBACK_URL =
  /^([a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?)(localhost|127(?:\.\d{1,3}){3}|\[::1\])(?=[:/?#]|$)(?::(\d{1,5}))?/i;

/** Ports of URL schemes that leave theirs out, so a rewritten URL can still be checked. */
const DEFAULT_PORTS: Readonly<Record<string, number>> = {
  postgres: 5432,
  postgresql: 5432,
  mysql: 3306,
  mariadb: 3306,
  redis: 6379,
  rediss: 6379,
  amqp: 5672,
  amqps: 5671,
  mongodb: 27017,
  nats: 4222,
  mqtt: 1883,
  http: 80,
  https: 443,
};

export interface LoopbackRewrite {
  /** The variable whose value was rewritten (its value is never reported). */
  readonly name: string;
  readonly fromHost: string;
  readonly port: number | undefined;
}

/** `NAME=value` entries with loopback URLs pointed at the host, and what was changed. */
export function reachHostFromContainer(entries: readonly string[]): {
  entries: string[];
  rewrites: LoopbackRewrite[];
} {
  const rewrites: LoopbackRewrite[] = [];
  const rewritten = entries.map((entry) => {
    const at = entry.indexOf('=');
    const name = entry.slice(0, at);
    const value = entry.slice(at + 1);
    const match = LOOPBACK_URL.exec(value);
    if (match === null) return entry;
    const [whole, prefix = '', fromHost = '', port] = match;
    const scheme = prefix.slice(0, prefix.indexOf(':')).toLowerCase();
    rewrites.push({ name, fromHost, port: port === undefined ? DEFAULT_PORTS[scheme] : Number(port) });
    const hostAndPort = `${HOST_ALIAS}${port === undefined ? '' : `:${port}`}`;
    return `${name}=${prefix}${hostAndPort}${value.slice(whole.length)}`;
  });
  return { entries: rewritten, rewrites };
}

/**
 * Says what was rewritten, and refuses when a rewritten service does not listen on the bridge gateway
 * (the address containers reach the host at).
 */
export async function checkHostServices(
  engine: Engine,
  rewrites: readonly LoopbackRewrite[],
  progress: (message: string) => void,
): Promise<void> {
  if (rewrites.length === 0) return;
  const gateway = await bridgeGateway(engine);
  for (const rewrite of rewrites) {
    progress(
      `${rewrite.name}: ${rewrite.fromHost} is the container itself inside Docker; using ${HOST_ALIAS} (the host, ${gateway ?? 'bridge gateway'}) instead`,
    );
    if (gateway === undefined || rewrite.port === undefined) continue;
    if (!(await listens(gateway, rewrite.port))) throw unreachable(rewrite, gateway);
  }
}

function unreachable(rewrite: LoopbackRewrite, gateway: string): FactoryError {
  return new FactoryError(
    'USAGE',
    `${rewrite.name} points at ${rewrite.fromHost}:${rewrite.port}, which containers cannot reach: nothing listens on the Docker bridge address ${gateway}:${rewrite.port}`,
    {
      hint:
        `make the service listen on ${gateway} too (PostgreSQL: listen_addresses = 'localhost,${gateway}' and a ` +
        `pg_hba.conf line for 172.16.0.0/12; Redis/MySQL: bind ${gateway}), or set ${rewrite.name} to an address ` +
        'the container can reach',
      details: { variable: rewrite.name, gateway, port: rewrite.port },
    },
  );
}

interface BridgeInspect {
  readonly IPAM?: { readonly Config?: readonly { readonly Gateway?: string; readonly Subnet?: string }[] };
  readonly Options?: Readonly<Record<string, string>>;
}

/**
 * The default bridge's gateway, which `host-gateway` stands for: the engine's IPAM gateway when it names
 * one (older engines leave it out), else the address of the bridge's interface on this host, else the
 * first address of its subnet.
 */
export async function bridgeGateway(engine: Engine): Promise<string | undefined> {
  const bridge = (await engine
    .getNetwork('bridge')
    .inspect()
    .catch(() => undefined)) as BridgeInspect | undefined;
  const configs = bridge?.IPAM?.Config ?? [];
  const named = configs.find((config) => config.Gateway !== undefined)?.Gateway;
  if (named !== undefined) return named;
  const device = bridge?.Options?.['com.docker.network.bridge.name'];
  const address =
    device === undefined ? undefined : networkInterfaces()[device]?.find((a) => a.family === 'IPv4');
  return address?.address ?? firstHost(configs.find((config) => config.Subnet !== undefined)?.Subnet);
}

/** 172.17.0.0/16 → 172.17.0.1 (IPv4 only). */
function firstHost(subnet: string | undefined): string | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/\d+$/.exec(subnet ?? '');
  if (match === null) return undefined;
  return `${match[1]}.${match[2]}.${match[3]}.${Number(match[4]) + 1}`;
}

function listens(host: string, port: number, timeoutMs = 1_500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: timeoutMs });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('connect', () => done(true));
    socket.once('timeout', () => done(false));
    socket.once('error', () => done(false));
  });
}
