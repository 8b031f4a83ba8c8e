/**
 * A real MCP client connected to a catalogued server: over Streamable HTTP to its running deployment (or,
 * for an imported external server, to its remote URL), or — when it is not running — to a one-off process
 * over stdio that ends when the client closes. Credentials for servers with inbound auth come from the
 * same env var the server reads, valued from the deployment's env file (deployment-env.ts) over this
 * process's environment — never from the registry.
 */
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { FactoryError } from '../errors.js';
import type { ServerVersion } from '../registry/index.js';
import { firstKey } from '../targets/local/health-check.js';
import { prepareArtifact } from './artifact.js';
import { chooseEnvFiles, deploymentEnv, readEnvFiles } from './deployment-env.js';
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
  const registry = await context.registry();
  const version = await registry.getVersion(name);
  const running = (await findDeployments(context, name)).find(
    ({ info }) => info.state === 'running' || info.state === 'unhealthy',
  );
  const client = new Client(CLIENT_INFO, { versionNegotiation: { mode: 'legacy' } });
  const remote = version.kind === 'external' ? version.remoteUrl : null;
  const endpoint = running?.info.endpoint ?? remote;
  const files = running
    ? (await deploymentEnv(registry, running.target.kind, name, {})).files
    : chooseEnvFiles({ projectDir: version.artifactDir });
  const env: Env = { ...context.env, ...readEnvFiles(files) };
  if (endpoint) {
    const transport = new StreamableHTTPClientTransport(new URL(endpoint), {
      requestInit: { headers: authHeaders(version, env, files) },
    });
    await connect(client, transport, name);
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
    env: definedEnv(env),
    stderr: 'ignore',
  });
  await connect(client, transport, name);
  return { client, version, via: { kind: 'one-off' }, close: () => client.close() };
}

async function connect(
  client: Client,
  transport: Parameters<Client['connect']>[0],
  name: string,
): Promise<void> {
  try {
    await client.connect(transport);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FactoryError('RUNTIME_FAILED', `could not connect to ${name}: ${reason}`, {
      hint: `see mcp-logs ${name}, or check that the env vars it needs are set`,
    });
  }
}

type AuthSpec = { type?: string; header?: string; envVar?: string };

/** The header the server's inbound auth wants, or an error naming the variable and the files looked in. */
function authHeaders(version: ServerVersion, env: Env, files: readonly string[]): Record<string, string> {
  const auth = (version.spec as { auth?: AuthSpec }).auth;
  const variable = auth?.type === 'oauth2' ? ACCESS_TOKEN_ENV : auth?.envVar;
  if (auth === undefined || auth.type === 'none' || variable === undefined) return {};
  const credential = firstKey(env[variable]);
  if (credential === '') throw missingCredential(version.name, variable, files);
  if (auth.type === 'api_key' && auth.header) return { [auth.header]: credential };
  return { Authorization: `Bearer ${credential}` };
}

function missingCredential(name: string, variable: string, files: readonly string[]): FactoryError {
  const where = files.length === 0 ? 'no env file is recorded for it' : `not in ${files.join(', ')}`;
  return new FactoryError(
    'USAGE',
    `${name} requires a credential in ${variable}, which is not set (${where}, nor in this environment)`,
    {
      hint:
        files.length === 0
          ? `put ${variable}=… in an env file and start it with: mcp-start ${name} --env-file FILE`
          : `add ${variable}=… to ${files[0]}`,
      details: { variable, envFiles: files },
    },
  );
}

function definedEnv(env: Env): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
