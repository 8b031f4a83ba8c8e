/** `mcp-factory remove NAME [--force]`: stop every deployment and delete the server's files and rows. */
import { FactoryError } from '../../errors.js';
import { withFactory } from '../../services/factory-context.js';
import { removeServer } from '../../services/remove-server.js';
import { defineCommand } from '../command.js';

export const removeCommand = defineCommand({
  name: 'remove',
  summary: 'Stop a server and delete its deployments, artifacts and catalogue entries',
  arguments: [{ name: 'name', description: 'server name', required: true }],
  options: [
    { flags: '--force', description: 'do not ask for confirmation' },
    {
      flags: '--delete-project',
      description: 'also delete the generated project folder (your handler code too)',
    },
    {
      flags: '--purge',
      description:
        'also delete what targets built or keep for it (Docker images and data volume, microVM rootfs and snapshots); works after a plain remove too',
    },
  ],
  examples: [
    'mcp-remove notes',
    'mcp-remove notes --force --purge',
    'mcp-remove notes --force --delete-project',
  ],
  async run({ args, options, env, confirm, interactive }) {
    const name = args[0] ?? '';
    if (
      options.force !== true &&
      !(await confirm(`Remove ${name}, its deployments and its catalogue entries?`))
    ) {
      // Declining on a terminal is a choice, not a mistake; without a terminal nobody could be asked.
      if (interactive) throw new FactoryError('CANCELLED', `cancelled: ${name} was not removed`);
      throw new FactoryError('USAGE', `not removing ${name} without confirmation`, {
        hint: 'answer y on a terminal, or pass --force',
      });
    }
    const result = await withFactory(env, (context) =>
      removeServer(context, name, {
        deleteProject: options.deleteProject === true,
        purge: options.purge === true,
      }),
    );
    const lines = [`removed ${name}: ${result.versions} version(s), ${result.deployments} deployment(s)`];
    if (result.purged.length > 0) lines.push(`purged: ${result.purged.join(', ')}`);
    else if (result.stoppedTargets.some((kind) => kind !== 'local'))
      lines.push('kept its images and data volume (mcp-remove --purge deletes them)');
    if (result.keptProject)
      lines.push(`kept the project folder ${result.keptProject} (--delete-project removes it)`);
    return { text: lines.join('\n'), json: result };
  },
});
