/** Where the factory keeps its data: `$MCP_FACTORY_HOME`, else `~/.mcp-factory`. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const REGISTRY_FILE_NAME = 'registry.db';

export function resolveHome(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const configured = env.MCP_FACTORY_HOME?.trim();
  if (configured) return resolve(configured);
  return join(env.HOME?.trim() || homedir(), '.mcp-factory');
}

export function registryFile(home: string): string {
  return join(home, REGISTRY_FILE_NAME);
}
