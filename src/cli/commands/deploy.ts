/** `mcp-factory deploy NAME`: run a catalogued server on a target and wait until it answers tools/list. */
import {
  type DeployServerOptions,
  type DeployServerResult,
  deployServer,
} from '../../services/deploy-server.js';
import { withFactory } from '../../services/factory-context.js';
import { type WatchEvent, watchDeployment } from '../../services/watch-deployment.js';
import type { DeploymentInfo, TargetKind, TransportKind } from '../../targets/index.js';
import { defineCommand } from '../command.js';
import { parseChoice, parseCount, parsePort, stringOption } from '../options.js';

const TARGET_KINDS: readonly TargetKind[] = ['local'];
const TRANSPORTS: readonly TransportKind[] = ['stdio', 'http'];

export const deployCommand = defineCommand({
  name: 'deploy',
  summary: 'Run a server on a target (local) and wait until it is healthy',
  description:
    'Start a catalogued server under a supervisor that outlives this command: it restarts the server with ' +
    'backoff when it crashes, keeps its logs, and checks its health with a real MCP tools/list round trip. ' +
    'stdio servers are also bridged to Streamable HTTP so the factory can test and trigger them.',
  arguments: [{ name: 'name', description: 'server name (see mcp-list)', required: true }],
  options: [
    { flags: '--version <version>', description: 'version to deploy (default: the latest)' },
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
  ],
  examples: [
    'mcp-deploy notes',
    'mcp-deploy inventory-mcp --transport http --port 3001 --env-file .env',
    'mcp-deploy notes --watch',
  ],
  async run({ args, options, env, cwd, progress, write, signal }) {
    const maxRestarts = options.maxRestarts as number | undefined;
    const deployOptions: DeployServerOptions = {
      name: args[0] ?? '',
      version: stringOption(options, 'version'),
      target: options.target as TargetKind,
      transport: options.transport as TransportKind | undefined,
      port: options.port as number | undefined,
      envFile: stringOption(options, 'envFile'),
      restart: maxRestarts === undefined ? undefined : { maxRestarts },
      unhealthyRestartAfter: options.restartUnhealthyAfter as number | undefined,
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

function watchText(event: WatchEvent): string {
  if (event.kind === 'deployed')
    return `${resultText(event.result).join('\n')}\nwatching for changes (Ctrl-C ends)…`;
  return event.kind === 'rejected' ? `not redeployed:\n${event.message}` : '';
}

function resultText(result: DeployServerResult): string[] {
  const lines = describe(result.deployment);
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
  ];
  if (info.clientConfig) {
    lines.push('  stdio client config (also in client-config.json in the deployment folder):');
    lines.push(
      ...JSON.stringify(info.clientConfig, null, 2)
        .split('\n')
        .map((l) => `    ${l}`),
    );
  }
  return lines;
}
