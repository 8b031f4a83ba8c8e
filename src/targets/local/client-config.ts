/**
 * The ready-to-paste client configuration (Claude Desktop style `mcpServers` entry) for a deployment. For a
 * stdio server it is the command a desktop client runs itself (absolute paths, since clients start servers
 * from an unknown folder); for an HTTP server, its URL. Env values are placeholders: secrets never land
 * in a file.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { Artifact, ClientConfig, ClientServerEntry, TransportKind } from '../target.js';

export function buildClientConfig(
  artifact: Artifact,
  transport: TransportKind,
  endpoint: string,
): ClientConfig {
  return { mcpServers: { [artifact.name]: clientEntry(artifact, transport, endpoint) } };
}

function clientEntry(artifact: Artifact, transport: TransportKind, endpoint: string): ClientServerEntry {
  if (transport === 'http') return { type: 'http', url: endpoint };
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
