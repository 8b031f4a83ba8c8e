/** `mcp-factory stop NAME` and `mcp-factory start NAME`: the same command shape around one service. */
import { withFactory } from '../../services/factory-context.js';
import { changeDeployment } from '../../services/lifecycle.js';
import type { TargetKind } from '../../targets/index.js';
import { type CommandDefinition, defineCommand } from '../command.js';
import { targetOption } from '../options.js';

function lifecycleCommand(action: 'stop' | 'start', summary: string): CommandDefinition {
  return defineCommand({
    name: action,
    summary,
    arguments: [{ name: 'name', description: 'server name', required: true }],
    options: [targetOption],
    examples: [`mcp-${action} notes`, `mcp-${action} notes --target docker`],
    async run({ args, options, env }) {
      const kind = options.target as TargetKind | undefined;
      const info = await withFactory(env, (context) =>
        changeDeployment(context, args[0] ?? '', action, kind),
      );
      const failed = info.state === 'failed';
      const text = `${info.name} ${info.version} is ${info.state}${info.reason ? ` (${info.reason})` : ''}`;
      return { text, json: info, exitCode: failed ? 1 : 0 };
    },
  });
}

export const stopCommand = lifecycleCommand('stop', 'Stop a deployed server (its whole process tree)');
export const startCommand = lifecycleCommand(
  'start',
  'Start a stopped server again and wait until it is healthy',
);
