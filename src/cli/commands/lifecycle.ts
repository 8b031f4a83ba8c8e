/** `mcp-factory stop NAME` and `mcp-factory start NAME`: the same command shape around one service. */
import { withFactory } from '../../services/factory-context.js';
import { changeDeployment } from '../../services/lifecycle.js';
import type { TargetKind } from '../../targets/index.js';
import { type CommandDefinition, defineCommand, type OptionDefinition } from '../command.js';
import { stringOption, targetOption } from '../options.js';

const envFileOption: OptionDefinition = {
  flags: '--env-file <file>',
  description:
    'KEY=VALUE file for the server from now on (default: the one it was deployed with; values are never stored)',
};

function lifecycleCommand(
  action: 'stop' | 'start',
  summary: string,
  options: readonly OptionDefinition[],
  examples: readonly string[],
): CommandDefinition {
  return defineCommand({
    name: action,
    summary,
    arguments: [{ name: 'name', description: 'server name', required: true }],
    options: [targetOption, ...options],
    examples: [`mcp-${action} notes`, `mcp-${action} notes --target docker`, ...examples],
    async run({ args, options: given, env, cwd, progress }) {
      const kind = given.target as TargetKind | undefined;
      const change = { envFile: stringOption(given, 'envFile'), cwd, progress };
      const info = await withFactory(env, (context) =>
        changeDeployment(context, args[0] ?? '', action, kind, change),
      );
      const failed = info.state === 'failed';
      const text = `${info.name} ${info.version} is ${info.state}${info.reason ? ` (${info.reason})` : ''}`;
      return { text, json: info, exitCode: failed ? 1 : 0 };
    },
  });
}

export const stopCommand = lifecycleCommand(
  'stop',
  'Stop a deployed server (its whole process tree)',
  [],
  [],
);
export const startCommand = lifecycleCommand(
  'start',
  'Start a stopped server again, with the env file it was deployed with, and wait until it is healthy',
  [envFileOption],
  ['mcp-start inventory-mcp --env-file prod.env'],
);
