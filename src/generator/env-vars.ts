/**
 * Every environment variable a generated server reads, derived once from the spec and used by each output
 * that lists them (.env.example, README, server.json, compose.yaml, the server's own tests). Values are never
 * part of this list: secrets only ever come from the environment at run time.
 */
import type { ConnectionSpec, ServerSpec } from '../spec/types.js';

export interface EnvVar {
  readonly name: string;
  readonly description: string;
  /** The value is a credential (or a URL that may carry one): never given an example value. */
  readonly secret: boolean;
  /** The server (or one of its tools) cannot work without it. */
  readonly required: boolean;
  /** What reads it: a stdio client only has to pass the `connection` ones. */
  readonly usage: 'runtime' | 'connection' | 'auth' | 'trigger';
  /** A safe, non-secret example or default for .env.example. */
  readonly example?: string;
}

/** Runtime settings every server understands (read by src/lib). */
export const RUNTIME_ENV_VARS: readonly EnvVar[] = [
  {
    name: 'MCP_TRANSPORT',
    description: 'stdio or http; overrides the transport in mcp.spec.yaml.',
    secret: false,
    required: false,
    usage: 'runtime',
  },
  {
    name: 'MCP_HOST',
    description: 'Interface the HTTP transport binds to.',
    secret: false,
    required: false,
    usage: 'runtime',
  },
  {
    name: 'MCP_PORT',
    description: 'Port of the HTTP transport.',
    secret: false,
    required: false,
    usage: 'runtime',
  },
  {
    name: 'MCP_LOG_LEVEL',
    description: 'debug, info, warn or error (logs go to stderr).',
    secret: false,
    required: false,
    usage: 'runtime',
  },
];

const CONNECTION_DESCRIPTIONS: Record<ConnectionSpec['type'], string> = {
  postgresql: 'PostgreSQL connection URL (postgres://user:password@host:5432/db)',
  mysql: 'MySQL connection URL (mysql://user:password@host:3306/db)',
  sqlite: 'Path of the SQLite database file',
  http: 'Base URL of the HTTP API',
  graphql: 'URL of the GraphQL endpoint',
  filesystem: 'Root folder the file tools may read and write',
  redis: 'Redis URL (redis://host:6379)',
  rabbitmq: 'RabbitMQ URL (amqp://user:password@host:5672)',
};

/** Connection types whose URL usually embeds a password. */
const SECRET_CONNECTION_TYPES = new Set<ConnectionSpec['type']>(['postgresql', 'mysql', 'redis', 'rabbitmq']);

export function connectionEnvVars(connection: ConnectionSpec): EnvVar[] {
  const label = connection.description ? ` — ${connection.description.trim().replace(/\.+$/, '')}` : '';
  const vars: EnvVar[] = [
    {
      name: connection.envVar,
      description: `${CONNECTION_DESCRIPTIONS[connection.type]} for connection "${connection.name}"${label}.`,
      secret: SECRET_CONNECTION_TYPES.has(connection.type),
      required: !(connection.type === 'sqlite' && connection.defaultPath !== undefined),
      usage: 'connection',
      ...(connection.type === 'sqlite' && connection.defaultPath !== undefined
        ? { example: connection.defaultPath }
        : {}),
    },
  ];
  if ((connection.type === 'http' || connection.type === 'graphql') && connection.auth.type !== 'none') {
    vars.push({
      name: connection.auth.envVar,
      description: `Credential (${connection.auth.type}) sent to connection "${connection.name}".`,
      secret: true,
      required: true,
      usage: 'connection',
    });
  }
  return vars;
}

function authEnvVars(spec: ServerSpec): EnvVar[] {
  const auth = spec.auth;
  if (auth.type === 'api_key') {
    const description = `Accepted API keys, comma-separated (sent in the ${auth.header} header).`;
    return [{ name: auth.envVar, description, secret: true, required: true, usage: 'auth' }];
  }
  if (auth.type === 'bearer') {
    const description = 'Accepted bearer tokens, comma-separated.';
    return [{ name: auth.envVar, description, secret: true, required: true, usage: 'auth' }];
  }
  return [];
}

function triggerEnvVars(spec: ServerSpec): EnvVar[] {
  return spec.triggers.flatMap((trigger) =>
    trigger.type === 'webhook' && trigger.secret
      ? [
          {
            name: trigger.secret.envVar,
            description: `Signing secret of the webhook ${trigger.path}.`,
            secret: true,
            required: true,
            usage: 'trigger' as const,
          },
        ]
      : [],
  );
}

/** All variables, runtime ones first, then the spec's in a stable order; a name appears once. */
export function envVars(spec: ServerSpec): EnvVar[] {
  const specific = [
    ...spec.connections.flatMap(connectionEnvVars),
    ...authEnvVars(spec),
    ...triggerEnvVars(spec),
  ];
  const seen = new Set<string>();
  const result: EnvVar[] = [];
  for (const variable of [...RUNTIME_ENV_VARS, ...specific]) {
    if (seen.has(variable.name)) continue;
    seen.add(variable.name);
    result.push(variable);
  }
  return result;
}

/** The variables a tool needs before it can run (its connection's), for test skips and docs. */
export function toolEnvVars(spec: ServerSpec, connectionName: string | undefined): EnvVar[] {
  const connection = spec.connections.find((c) => c.name === connectionName);
  return connection ? connectionEnvVars(connection).filter((v) => v.required) : [];
}
