/**
 * A real MCP client connected to a catalogued server: over Streamable HTTP to its running deployment (or,
 * for an imported external server, to its remote URL), or — when it is not running — to a one-off process
 * over stdio that ends when the client closes. Credentials for
 * servers with inbound auth come from the same env var the server reads (never from the registry).
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { FactoryError } from '../errors.js';
import type { ServerVersion } from '../registry/index.js';
import { prepareArtifact } from './artifact.js';
import type { Env, FactoryContext } from './factory-context.js';
import { findDeployments } from './find-deployment.js';

export interface ToolClient {
  readonly client: Client;
  readonly version: ServerVersion;
  /** How the client reached the server. */
  readonly via: { readonly kind: 'deployment'; readonly endpoint: string } | { readonly kind: 'one-off' };
  close(): Promise<void>;
}

const CLIENT_INFO = { name: 'mcp-factory', version: '0.1.0' };
/** Env var holding an OAuth access token for `mcp-test` against oauth2-protected servers. */
export const ACCESS_TOKEN_ENV = 'MCP_ACCESS_TOKEN';

export async function openToolClient(context: FactoryContext, name: string): Promise<ToolClient> {
  const version = await (await context.registry()).getVersion(name);
  const running = (await findDeployments(context, name)).find(
    ({ info }) => info.state === 'running' || info.state === 'unhealthy',
  );
  const client = new Client(CLIENT_INFO, { versionNegotiation: { mode: 'legacy' } });
  const remote = version.kind === 'external' ? version.remoteUrl : null;
  const endpoint = running?.info.endpoint ?? remote;
  if (endpoint) {
    const headers = authHeaders(version, context.env);
    const transport = new StreamableHTTPClientTransport(new URL(endpoint), {
      requestInit: { headers },
    });
    await connect(client, transport);
    // End the session explicitly: a stdio server behind the bridge keeps one child per open session.
    const close = async () => {
      await transport.terminateSession().catch(() => undefined);
      await client.close();
    };
    return { client, version, via: { kind: 'deployment', endpoint }, close };
  }
  const { artifact } = await prepareArtifact(version, context.home);
  const [command, ...args] = artifact.command;
  const transport = new StdioClientTransport({
    command: command ?? process.execPath,
    args: [...args, '--transport', 'stdio'],
    cwd: artifact.projectDir,
    env: definedEnv(context.env),
    stderr: 'ignore',
  });
  await connect(client, transport);
  return { client, version, via: { kind: 'one-off' }, close: () => client.close() };
}

async function connect(client: Client, transport: Parameters<Client['connect']>[0]): Promise<void> {
  try {
    await client.connect(transport);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FactoryError('RUNTIME_FAILED', `could not connect to the server: ${reason}`, {
      hint: 'see mcp-logs NAME, or check that the env vars it needs are set',
    });
  }
}

function authHeaders(version: ServerVersion, env: Env): Record<string, string> {
  const auth = (version.spec as { auth?: { type?: string; header?: string; envVar?: string } }).auth;
  const first = (name: string | undefined) => (name ? env[name]?.split(',')[0]?.trim() : undefined);
  if (auth?.type === 'api_key') {
    const key = first(auth.envVar);
    return key && auth.header ? { [auth.header]: key } : {};
  }
  const token =
    auth?.type === 'bearer'
      ? first(auth.envVar)
      : auth?.type === 'oauth2'
        ? env[ACCESS_TOKEN_ENV]
        : undefined;
  return token ? { Authorization: `Bearer ${token}` } : {};
}

function definedEnv(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
