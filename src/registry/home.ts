/** Where the factory keeps its data: `$MCP_FACTORY_HOME`, else `~/.mcp-factory`. */
import { join } from 'node:path';

export { resolveHome } from '../home.js';

export const REGISTRY_FILE_NAME = 'registry.db';

export function registryFile(home: string): string {
  return join(home, REGISTRY_FILE_NAME);
}
