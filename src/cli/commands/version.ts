/** `mcp-factory version` (also `--version` and `-V` on the program): the factory's version. */
import { factoryVersion } from '../../version.js';
import { defineCommand } from '../command.js';

export const versionCommand = defineCommand({
  name: 'version',
  summary: 'Print the mcp-factory version',
  examples: ['mcp-factory version', 'mcp-factory --version'],
  async run() {
    const version = factoryVersion();
    return { text: version, json: { version } };
  },
});
