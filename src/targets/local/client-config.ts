/**
 * The ready-to-paste client configuration (Claude Desktop style `mcpServers` entry) for a deployment. For a
 * stdio server it is the command a desktop client runs itself (absolute paths, since clients start servers
 * from an unknown folder); for an HTTP server, its URL and, when the server wants an API key or bearer
 * token, the header with a `${VAR}` reference that clients expand from their environment. Env values are
 * placeholders or references: secrets never land in a file.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Artifact, ClientConfig, ClientServerEntry, HealthAuth, TransportKind } from '../target.js';

export function buildClientConfig(
  artifact: Artifact,
  transport: TransportKind,
  endpoint: string,
): ClientConfig {
  return { mcpServers: { [artifact.name]: clientEntry(artifact, transport, endpoint) } };
}

function clientEntry(artifact: Artifact, transport: TransportKind, endpoint: string): ClientServerEntry {
  if (transport === 'http') return httpClientEntry(endpoint, artifact.httpAuth);
  const [program = 'node', ...args] = artifact.command;
  const env = Object.fromEntries(
    (artifact.env ?? []).map((variable) => [variable.name, `<${variable.name}>`]),
  );
  return {
    command: program === 'node' ? process.execPath : program,
    args: args.map((arg) => absoluteIfFile(artifact.projectDir, arg)),
    cwd: artifact.projectDir,
    ...(Object.keys(env).length === 0 ? {} : { env }),
  };
}

function absoluteIfFile(projectDir: string, arg: string): string {
  if (arg.startsWith('-') || isAbsolute(arg)) return arg;
  const candidate = join(projectDir, arg);
  return existsSync(candidate) ? candidate : arg;
}

/** An HTTP entry; its auth header names the variable (`${MCP_API_KEYS}`), never holds the value. */
export function httpClientEntry(url: string, auth: HealthAuth | undefined): ClientServerEntry {
  if (auth === undefined) return { type: 'http', url };
  const reference = `\${${auth.envVar}}`;
  const headers =
    auth.type === 'bearer' ? { Authorization: `Bearer ${reference}` } : { [auth.header]: reference };
  return { type: 'http', url, headers };
}
