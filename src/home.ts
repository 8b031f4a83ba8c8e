/** Where the factory keeps its data (registry, deployments, artifacts): `$MCP_FACTORY_HOME`, else `~/.mcp-factory`. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export function resolveHome(env: Readonly<Record<string, string | undefined>> = process.env): string {
  const configured = env.MCP_FACTORY_HOME?.trim();
  if (configured) return resolve(configured);
  return join(env.HOME?.trim() || homedir(), '.mcp-factory');
}
