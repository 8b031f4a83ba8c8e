/** `mcp-factory list [--search TEXT]`: the catalogue, one row per deployment as it is right now. */

import { withFactory } from '../../services/factory-context.js';
import { type ListServersResult, listServers } from '../../services/list-servers.js';
import { defineCommand } from '../command.js';
import { parseCount, stringOption } from '../options.js';
import { table } from '../render/table.js';

export const listCommand = defineCommand({
  name: 'list',
  summary: 'List catalogued servers, or search them by capability',
  arguments: [],
  options: [
    { flags: '--search <text>', description: 'find servers whose tools match, e.g. "stock level"' },
    { flags: '--limit <n>', description: 'show at most this many servers', parse: parseCount('--limit') },
    {
      flags: '--offset <n>',
      description: 'skip this many servers first (with --limit: pages)',
      parse: parseCount('--offset'),
    },
  ],
  examples: ['mcp-list', 'mcp-list --search "stock level"'],
  async run({ options, env }) {
    const search = stringOption(options, 'search');
    const result = await withFactory(env, (context) =>
      listServers(context, {
        search,
        limit: options.limit as number | undefined,
        offset: options.offset as number | undefined,
      }),
    );
    return { text: render(result, search), json: result };
  },
});

function render(result: ListServersResult, search: string | undefined): string {
  if (result.servers.length === 0) {
    return search
      ? `no server matches "${search}"`
      : 'no servers yet: create one with mcp-create --spec FILE';
  }
  // One row per deployment: a server on local and docker is two rows; an undeployed one, one row.
  const rows = result.servers.flatMap((s) =>
    s.deployments.length === 0
      ? [[s.name, s.latestVersion, '-', 'not deployed', '-', String(s.toolCount)]]
      : s.deployments.map((d) => [
          s.name,
          d.version,
          d.target,
          d.state,
          d.endpoint ?? '-',
          String(s.toolCount),
        ]),
  );
  const parts = [table(['NAME', 'VERSION', 'TARGET', 'STATE', 'ENDPOINT', 'TOOLS'], rows)];
  if (result.matches.length > 0) {
    const matchRows = result.matches.map((m) => [m.server, m.tool, m.description]);
    parts.push(`\nMatching tools:\n${table(['SERVER', 'TOOL', 'DESCRIPTION'], matchRows)}`);
  }
  return parts.join('\n');
}
