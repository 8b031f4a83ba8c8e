/**
 * `mcp-factory logs NAME [-f] [-n N]`: a deployed server's captured output; with --json structured records
 * (one JSON object a line while following).
 */
import { withFactory } from '../../services/factory-context.js';
import { serverLogs } from '../../services/server-logs.js';
import type { TargetKind } from '../../targets/index.js';
import { defineCommand } from '../command.js';
import { parseCount, targetOption } from '../options.js';
import { logRecord } from '../render/log-record.js';

export const logsCommand = defineCommand({
  name: 'logs',
  summary: 'Show a deployed server’s logs (-f to follow)',
  arguments: [{ name: 'name', description: 'server name', required: true }],
  options: [
    { flags: '-f, --follow', description: 'keep printing new lines until Ctrl-C' },
    {
      flags: '-n, --tail <n>',
      description: 'how many of the last lines to show',
      default: 100,
      parse: parseCount('--tail'),
    },
    targetOption,
  ],
  examples: ['mcp-logs notes', 'mcp-logs notes -f -n 20', 'mcp-logs notes --json'],
  async run({ args, options, env, json, write, signal }) {
    const follow = options.follow === true;
    return withFactory(env, async (context) => {
      const lines: string[] = [];
      const stream = await serverLogs(context, args[0] ?? '', {
        tail: options.tail as number,
        follow,
        signal,
        target: options.target as TargetKind | undefined,
      });
      for await (const line of stream) {
        if (!follow) lines.push(line);
        else write(`${json ? JSON.stringify(logRecord(line)) : line}\n`);
      }
      if (follow) return { text: '', json: null, streamed: true };
      return { text: lines.join('\n'), json: { records: lines.map(logRecord) } };
    });
  },
});
