/** `mcp-factory deploy NAME`: run a catalogued server on a target and wait until it answers tools/list. */

import { FactoryError } from '../../errors.js';
import {
  type DeployServerOptions,
  type DeployServerResult,
  deployServer,
} from '../../services/deploy-server.js';
import { withFactory } from '../../services/factory-context.js';
import { type WatchEvent, watchDeployment } from '../../services/watch-deployment.js';
import { DEFAULT_BASE_IMAGE } from '../../targets/docker/names.js';
import type { DeploymentInfo, TargetKind, TransportKind } from '../../targets/index.js';
import { defineCommand } from '../command.js';
import {
  parseChoice,
  parseCount,
  parsePort,
  parsePositive,
  parsePositiveDecimal,
  stringOption,
  TARGET_KINDS,
} from '../options.js';
import { detailLines } from '../render/details.js';

const TRANSPORTS: readonly TransportKind[] = ['stdio', 'http'];
const VM_NETWORKS = ['isolated', 'outbound'] as const;

/** Options that only some targets understand: given with another target, they are a usage error. */
const TARGET_ONLY: Readonly<Record<string, { flag: string; targets: readonly TargetKind[] }>> = {
  replicas: { flag: '--replicas', targets: ['docker'] },
  baseImage: { flag: '--base-image', targets: ['docker'] },
  pidsLimit: { flag: '--pids-limit', targets: ['docker'] },
  memory: { flag: '--memory', targets: ['docker', 'microvm'] },
  cpus: { flag: '--cpus', targets: ['docker', 'microvm'] },
  kernel: { flag: '--kernel', targets: ['microvm'] },
  vmNetwork: { flag: '--vm-network', targets: ['microvm'] },
};

export const deployCommand = defineCommand({
  name: 'deploy',
  summary: 'Run a server on a target (local, docker, microvm) and wait until it is healthy',
  description:
    'local: a supervisor that outlives this command restarts the server with backoff when it crashes, keeps ' +
    'its logs, and checks its health with a real MCP tools/list round trip; stdio servers are bridged to ' +
    'Streamable HTTP. docker: an image mcp-factory/NAME:VERSION built from the generated Dockerfile, run ' +
    'read-only, non-root, with memory/pid limits and a restart policy (--replicas N: N replicas behind a small balancer on the one port). ' +
    'microvm: a QEMU microVM (KVM when usable, else software emulation) restored from a warm snapshot.',
  arguments: [{ name: 'name', description: 'server name (see mcp-list)', required: true }],
  options: [
    {
      flags: '--version <version>',
      description:
        'the server version to deploy (default: the latest; the factory’s own: mcp-factory --version)',
    },
    {
      flags: '--target <kind>',
      description: `where to run it: ${TARGET_KINDS.join(', ')}`,
      default: 'local',
      parse: parseChoice('--target', TARGET_KINDS),
    },
    {
      flags: '--transport <kind>',
      description: 'stdio or http (default: the spec’s)',
      parse: parseChoice('--transport', TRANSPORTS),
    },
    { flags: '--port <port>', description: 'HTTP port (default: a free one)', parse: parsePort },
    {
      flags: '--watch',
      description: 'keep running: redeploy when the project’s mcp.spec.yaml changes (Ctrl-C ends)',
    },
    {
      flags: '--env-file <file>',
      description: 'KEY=VALUE file passed to the server (values are never stored)',
    },
    {
      flags: '--max-restarts <n>',
      description: 'give up after this many crashes within a minute',
      parse: parseCount('--max-restarts'),
    },
    {
      flags: '--restart-unhealthy-after <n>',
      description: 'restart the server after this many failed health checks in a row (0: never; default 3)',
      parse: parseCount('--restart-unhealthy-after'),
    },
    {
      flags: '--memory <mb>',
      description: 'docker, microvm: memory limit in MB (default 256)',
      parse: parsePositive('--memory'),
    },
    {
      flags: '--cpus <n>',
      description: 'docker, microvm: CPU limit (microvm: vCPUs, a whole number)',
      parse: parsePositiveDecimal('--cpus'),
    },
    {
      flags: '--pids-limit <n>',
      description: 'docker: most processes and threads (default 256)',
      parse: parsePositive('--pids-limit'),
    },
    {
      flags: '--replicas <n>',
      description: 'docker: containers behind the one port (more than 1: replicas behind a small balancer)',
      parse: parsePositive('--replicas'),
    },
    {
      flags: '--base-image <image>',
      description: `docker: base image (default ${DEFAULT_BASE_IMAGE}; when it cannot be pulled, one built from this host’s Node)`,
    },
    {
      flags: '--no-snapshot',
      description: 'microvm: boot cold instead of restoring the version’s warm snapshot',
    },
    {
      flags: '--kernel <vmlinux>',
      description: 'microvm: boot this uncompressed kernel instead of Debian’s',
    },
    {
      flags: '--vm-network <mode>',
      description:
        'microvm: isolated (only the forwarded port; default) or outbound (the guest may connect out)',
      parse: parseChoice('--vm-network', VM_NETWORKS),
    },
  ],
  examples: [
    'mcp-deploy notes',
    'mcp-deploy inventory-mcp --transport http --port 3001 --env-file .env',
    'mcp-deploy notes --watch',
    'mcp-deploy notes --target docker --memory 512 --env-file .env',
    'mcp-deploy notes --target docker --replicas 3 --port 8080',
    'mcp-deploy notes --target microvm --memory 256 --cpus 1',
  ],
  async run({ args, options, env, cwd, progress, write, signal }) {
    const target = options.target as TargetKind;
    checkTargetOptions(options, target);
    const maxRestarts = options.maxRestarts as number | undefined;
    const memoryMb = options.memory as number | undefined;
    const cpus = options.cpus as number | undefined;
    const pids = options.pidsLimit as number | undefined;
    if (target === 'microvm' && cpus !== undefined && !Number.isInteger(cpus)) {
      throw new FactoryError('USAGE', `--cpus for a microVM is a whole number of vCPUs, not ${cpus}`);
    }
    const deployOptions: DeployServerOptions = {
      name: args[0] ?? '',
      version: stringOption(options, 'version'),
      target,
      transport: options.transport as TransportKind | undefined,
      port: options.port as number | undefined,
      envFile: stringOption(options, 'envFile'),
      restart: maxRestarts === undefined ? undefined : { maxRestarts },
      unhealthyRestartAfter: options.restartUnhealthyAfter as number | undefined,
      limits:
        memoryMb === undefined && cpus === undefined && pids === undefined
          ? undefined
          : { memoryMb, cpus, pids },
      replicas: options.replicas as number | undefined,
      baseImage: stringOption(options, 'baseImage'),
      snapshot: options.snapshot === false ? false : undefined,
      kernel: stringOption(options, 'kernel'),
      outboundNetwork: options.vmNetwork === undefined ? undefined : options.vmNetwork === 'outbound',
      cwd,
      progress,
    };
    if (options.watch === true) {
      const events: WatchEvent[] = [];
      const onEvent = (event: WatchEvent) => {
        events.push(event);
        if (event.kind !== 'unchanged') write(`${watchText(event)}\n`);
      };
      await withFactory(env, (context) => watchDeployment(context, { ...deployOptions, signal, onEvent }));
      return { text: 'stopped watching; the server keeps running', json: { events } };
    }
    const result = await withFactory(env, (context) => deployServer(context, deployOptions));
    return { text: resultText(result).join('\n'), json: result };
  },
});

function checkTargetOptions(options: Readonly<Record<string, unknown>>, target: TargetKind): void {
  const given = Object.entries(TARGET_ONLY).filter(([key]) => options[key] !== undefined);
  if (options.snapshot === false) given.push(['snapshot', { flag: '--no-snapshot', targets: ['microvm'] }]);
  for (const [, { flag, targets }] of given) {
    if (!targets.includes(target)) {
      throw new FactoryError('USAGE', `${flag} applies to --target ${targets.join(' or ')}, not ${target}`);
    }
  }
}

function watchText(event: WatchEvent): string {
  if (event.kind === 'deployed')
    return `${resultText(event.result).join('\n')}\nwatching for changes (Ctrl-C ends)…`;
  return event.kind === 'rejected' ? `not redeployed:\n${event.message}` : '';
}

function resultText(result: DeployServerResult): string[] {
  const lines = describe(result.deployment);
  for (const warning of result.warnings) lines.push(`warning: ${warning}`);
  if (result.regeneratedFrom) {
    lines.push(
      `note: ${result.regeneratedFrom} holds another version; deployed a copy regenerated from the registry`,
    );
  }
  return lines;
}

export function describe(info: DeploymentInfo): string[] {
  const lines = [
    `${info.name} ${info.version} is ${info.state} on ${info.target} (${info.transport})`,
    `  endpoint: ${info.endpoint}`,
    `  logs:     mcp-logs ${info.name}`,
    ...detailLines(info),
  ];
  if (info.clientConfig) {
    lines.push('  client config (an mcpServers entry to paste into a desktop client):');
    lines.push(
      ...JSON.stringify(info.clientConfig, null, 2)
        .split('\n')
        .map((l) => `    ${l}`),
    );
  }
  return lines;
}
