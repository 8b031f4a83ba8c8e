/** `mcp-factory export NAME` and `mcp-factory import FILE`: the official MCP registry's server.json. */
import { resolve } from 'node:path';
import { withFactory } from '../../services/factory-context.js';
import { exportServer, importServer } from '../../services/server-json.js';
import { defineCommand } from '../command.js';
import { stringOption } from '../options.js';

export const exportCommand = defineCommand({
  name: 'export',
  summary: 'Write a server’s entry in the official MCP registry format (server.json)',
  arguments: [{ name: 'name', description: 'server name', required: true }],
  options: [
    { flags: '--version <version>', description: 'version to export (default: the latest)' },
    { flags: '--namespace <ns>', description: 'reverse-DNS namespace, e.g. io.github.you (default: local)' },
    { flags: '--out <file>', description: 'write to this file instead of printing' },
  ],
  examples: [
    'mcp-factory export notes',
    'mcp-factory export notes --namespace io.github.you --out server.json',
  ],
  async run({ args, options, env, cwd }) {
    const out = stringOption(options, 'out');
    const file = out === undefined ? undefined : resolve(cwd, out);
    const document = await withFactory(env, (context) =>
      exportServer(context, args[0] ?? '', {
        version: stringOption(options, 'version'),
        namespace: stringOption(options, 'namespace'),
        file,
      }),
    );
    return { text: file ? `wrote ${file}` : JSON.stringify(document, null, 2), json: document };
  },
});

export const importCommand = defineCommand({
  name: 'import',
  summary: 'Catalogue an external MCP server from its server.json',
  description:
    'Validates a server.json in the official MCP registry format and catalogues the server (its remote URL ' +
    'or package) so mcp-list, mcp-list --search and mcp-test can use it.',
  arguments: [{ name: 'file', description: 'server.json file', required: true }],
  examples: ['mcp-factory import ./server.json'],
  async run({ args, env, cwd }) {
    const result = await withFactory(env, (context) => importServer(context, resolve(cwd, args[0] ?? '')));
    const what = result.created ? 'catalogued' : 'already catalogued:';
    return { text: `${what} ${result.name} ${result.version}`, json: result };
  },
});
