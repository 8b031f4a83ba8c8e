/**
 * The MCP Factory server specification: the one source of truth for its shape.
 *
 * `schema/mcp-spec.schema.json` is generated from `SpecSchema` (npm run schema) and a test fails when the
 * committed file is stale. Structural checks live here; checks that relate one part of a spec to another
 * (a trigger naming a tool, a SQL statement naming a parameter, …) are named rules in `rules/`.
 *
 * Defaults declared here are filled in by parsing, so a parsed spec has every default explicit.
 */
import { z } from 'zod';
import { NAME_PATTERNS } from './names.js';

const name = (pattern: keyof typeof NAME_PATTERNS) => {
  const { regex, message, maxLength } = NAME_PATTERNS[pattern];
  return z
    .string()
    .min(1, 'must not be empty')
    .max(maxLength, `must be at most ${maxLength} characters`)
    .regex(regex, message);
};

const envVar = name('envVar').describe('Name of the environment variable that holds the value at run time.');

const jsonValue = z.json().describe('Any JSON value.').meta({ id: 'JsonValue' });

// ---------------------------------------------------------------------------------------------------------
// Parameters (tool inputs) and return schemas
// ---------------------------------------------------------------------------------------------------------

export const PARAMETER_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object'] as const;
export const STRING_FORMATS = [
  'date',
  'date-time',
  'time',
  'email',
  'uri',
  'uuid',
  'hostname',
  'ipv4',
  'ipv6',
] as const;

const numericBounds = {
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  minLength: z.int().nonnegative().optional(),
  maxLength: z.int().nonnegative().optional(),
  minItems: z.int().nonnegative().optional(),
  maxItems: z.int().nonnegative().optional(),
};

type Scalar = string | number | boolean;
type JsonValue = z.output<typeof jsonValue>;
type Bounds = {
  minimum?: number | undefined;
  maximum?: number | undefined;
  minLength?: number | undefined;
  maxLength?: number | undefined;
  minItems?: number | undefined;
  maxItems?: number | undefined;
};

/** A tool parameter as written in a spec (`required` may be left out). */
export interface ParameterInput extends Bounds {
  type: (typeof PARAMETER_TYPES)[number];
  description?: string | undefined;
  required?: boolean | undefined;
  enum?: Scalar[] | undefined;
  default?: JsonValue | undefined;
  format?: (typeof STRING_FORMATS)[number] | undefined;
  pattern?: string | undefined;
  items?: ParameterInput | undefined;
  properties?: Record<string, ParameterInput> | undefined;
}

/** A tool parameter after parsing: `required` is explicit at every level. */
export interface ParameterSpec extends Omit<ParameterInput, 'required' | 'items' | 'properties'> {
  required: boolean;
  items?: ParameterSpec | undefined;
  properties?: Record<string, ParameterSpec> | undefined;
}

/** One tool parameter. Nested `items` / `properties` use the same shape. */
export const ParameterSchema: z.ZodType<ParameterSpec, ParameterInput> = z
  .strictObject({
    type: z.enum(PARAMETER_TYPES).describe('JSON type of the value.'),
    description: z.string().optional(),
    required: z.boolean().default(false),
    enum: z
      .array(z.union([z.string(), z.number(), z.boolean()]))
      .min(1)
      .optional(),
    default: jsonValue.optional(),
    format: z.enum(STRING_FORMATS).optional(),
    pattern: z.string().optional().describe('ECMAScript regular expression the string must match.'),
    ...numericBounds,
    get items() {
      return ParameterSchema.optional();
    },
    get properties() {
      return z.record(name('parameter'), ParameterSchema).optional();
    },
  })
  .meta({ id: 'Parameter' });

const JSON_SCHEMA_TYPES = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'] as const;
type JsonSchemaType = (typeof JSON_SCHEMA_TYPES)[number];

/** The subset of JSON Schema accepted for `returns`. */
export interface ReturnsSpec extends Bounds {
  type?: JsonSchemaType | JsonSchemaType[] | undefined;
  title?: string | undefined;
  description?: string | undefined;
  enum?: JsonValue[] | undefined;
  const?: JsonValue | undefined;
  default?: JsonValue | undefined;
  examples?: JsonValue[] | undefined;
  format?: string | undefined;
  pattern?: string | undefined;
  required?: string[] | undefined;
  items?: ReturnsSpec | undefined;
  properties?: Record<string, ReturnsSpec> | undefined;
  additionalProperties?: boolean | ReturnsSpec | undefined;
  anyOf?: ReturnsSpec[] | undefined;
  oneOf?: ReturnsSpec[] | undefined;
}

/** The subset of JSON Schema accepted for `returns`. Unknown keywords are reported (they are usually typos). */
export const ReturnsSchema: z.ZodType<ReturnsSpec> = z
  .strictObject({
    type: z.union([z.enum(JSON_SCHEMA_TYPES), z.array(z.enum(JSON_SCHEMA_TYPES)).min(1)]).optional(),
    title: z.string().optional(),
    description: z.string().optional(),
    enum: z.array(jsonValue).optional(),
    const: jsonValue.optional(),
    default: jsonValue.optional(),
    examples: z.array(jsonValue).optional(),
    format: z.string().optional(),
    pattern: z.string().optional(),
    ...numericBounds,
    required: z.array(z.string()).optional(),
    get items() {
      return ReturnsSchema.optional();
    },
    get properties() {
      return z.record(z.string(), ReturnsSchema).optional();
    },
    get additionalProperties() {
      return z.union([z.boolean(), ReturnsSchema]).optional();
    },
    get anyOf() {
      return z.array(ReturnsSchema).optional();
    },
    get oneOf() {
      return z.array(ReturnsSchema).optional();
    },
  })
  .meta({ id: 'JsonSchema' });

// ---------------------------------------------------------------------------------------------------------
// Connections: where tools get their data. Credentials are never in the spec, only the env var that holds them.
// ---------------------------------------------------------------------------------------------------------

const connectionBase = {
  name: name('connection'),
  description: z.string().optional(),
  envVar: envVar,
};

const sqlOptions = {
  readOnly: z
    .boolean()
    .default(false)
    .describe('Refuse statements that write (enforced by a read-only transaction).'),
  maxRows: z.int().positive().default(1000).describe('Rows returned by one call at the most.'),
  poolSize: z.int().positive().max(100).default(10),
  init: z
    .array(z.string().min(1))
    .default([])
    .describe('Statements run once when the connection opens, e.g. CREATE TABLE IF NOT EXISTS …'),
};

const upstreamAuth = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('none') }),
    z.strictObject({ type: z.literal('bearer'), envVar }),
    z.strictObject({ type: z.literal('basic'), envVar: envVar.describe('Env var holding "user:password".') }),
    z.strictObject({ type: z.literal('api_key'), envVar, header: z.string().default('X-API-Key') }),
  ])
  .default({ type: 'none' })
  .describe('Credentials sent to the upstream service; the value always comes from an env var.');

const httpOptions = {
  auth: upstreamAuth,
  timeoutMs: z.int().positive().max(600_000).default(10_000),
  headers: z
    .record(z.string(), z.string())
    .default({})
    .describe('Static, non-secret headers sent on every request.'),
};

export const ConnectionSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ ...connectionBase, type: z.literal('postgresql'), ...sqlOptions }),
    z.strictObject({ ...connectionBase, type: z.literal('mysql'), ...sqlOptions }),
    z.strictObject({
      ...connectionBase,
      type: z.literal('sqlite'),
      ...sqlOptions,
      defaultPath: z.string().optional().describe('Database file used when the env var is unset.'),
    }),
    z.strictObject({ ...connectionBase, type: z.literal('http'), ...httpOptions }),
    z.strictObject({ ...connectionBase, type: z.literal('graphql'), ...httpOptions }),
    z.strictObject({
      ...connectionBase,
      type: z.literal('filesystem'),
      envVar: envVar.describe('Env var holding the root directory; tools cannot reach outside it.'),
      readOnly: z.boolean().default(false),
    }),
    z.strictObject({ ...connectionBase, type: z.literal('redis') }),
    z.strictObject({ ...connectionBase, type: z.literal('rabbitmq') }),
  ])
  .meta({ id: 'Connection' });

export const CONNECTION_TYPES = [
  'postgresql',
  'mysql',
  'sqlite',
  'http',
  'graphql',
  'filesystem',
  'redis',
  'rabbitmq',
] as const;
export const SQL_CONNECTION_TYPES = ['postgresql', 'mysql', 'sqlite'] as const;

// ---------------------------------------------------------------------------------------------------------
// Tool implementations
// ---------------------------------------------------------------------------------------------------------

export const ImplementationSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('sql'),
      statement: z.string().min(1).describe('SQL with named parameters (:name), bound by the driver.'),
      result: z
        .enum(['rows', 'first', 'affected'])
        .default('rows')
        .describe(
          'rows: all rows; first: the first row or an error when none; affected: the count of changed rows.',
        ),
    }),
    z.strictObject({
      type: z.literal('http'),
      method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
      path: z
        .string()
        .regex(/^\//, 'must start with "/"')
        .default('/')
        .describe('Path below the base URL; {name} is replaced by the URL-encoded parameter.'),
      query: z.array(name('parameter')).optional().describe('Parameters sent in the query string.'),
      body: z.array(name('parameter')).optional().describe('Parameters sent as the JSON body.'),
      headers: z.record(z.string(), z.string()).default({}),
      resultPath: z.string().optional().describe('Dot path of the part of the response to return.'),
    }),
    z.strictObject({
      type: z.literal('graphql'),
      document: z.string().min(1).describe('GraphQL document; the tool parameters are its variables.'),
      resultPath: z.string().optional(),
    }),
    z.strictObject({
      type: z.literal('file'),
      operation: z.enum(['read', 'write', 'list', 'stat', 'delete']),
      pathParameter: name('parameter').default('path'),
      contentParameter: name('parameter').default('content'),
    }),
    z.strictObject({
      type: z.literal('handler').describe('Code the user writes in src/handlers/<tool>.ts.'),
    }),
  ])
  .meta({ id: 'Implementation' });

export const IMPLEMENTATION_TYPES = ['sql', 'http', 'graphql', 'file', 'handler'] as const;

const AnnotationsSchema = z.strictObject({
  title: z.string().optional(),
  readOnly: z.boolean().optional().describe('The tool does not change anything.'),
  destructive: z.boolean().optional().describe('The tool may delete or overwrite data.'),
  idempotent: z.boolean().optional(),
  openWorld: z.boolean().optional().describe('The tool reaches outside systems.'),
});

const PaginationSchema = z.strictObject({
  pageSize: z.int().positive().max(10_000).default(50),
  maxPageSize: z.int().positive().max(10_000).optional(),
  key: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'a column name: letters, digits and _')
    .optional()
    .describe(
      'SQL tools: a result column that is unique and never NULL (e.g. the primary key). Pages then continue ' +
        'after the last row’s key, so rows added or removed between requests are neither repeated nor ' +
        'skipped; without it pages are offsets.',
    ),
  order: z
    .enum(['asc', 'desc'])
    .optional()
    .describe('With `key`: the page order by that column (default asc).'),
});

export const ToolSchema = z
  .strictObject({
    name: name('tool'),
    title: z.string().optional(),
    description: z.string().default(''),
    parameters: z.record(name('parameter'), ParameterSchema).default({}),
    returns: ReturnsSchema.optional(),
    connection: name('connection').optional(),
    implementation: ImplementationSchema.optional(),
    pagination: PaginationSchema.optional(),
    annotations: AnnotationsSchema.optional(),
  })
  .meta({ id: 'Tool' });

// ---------------------------------------------------------------------------------------------------------
// Triggers: events that call a tool. Arguments are mapped declaratively; nothing from the spec or the event
// is ever evaluated as code.
// ---------------------------------------------------------------------------------------------------------

export const ArgumentSourceSchema = z.union([
  z.strictObject({
    from: z
      .string()
      .regex(/^[A-Za-z_$][\w$-]*(\.[\w$-]+)*$/, 'must be a dot path such as body.sku or headers.x-id')
      .describe('Dot path into the event (see the trigger kind for its fields).'),
    default: jsonValue.optional(),
  }),
  z.strictObject({ value: jsonValue }),
]);

const triggerBase = {
  tool: name('tool'),
  description: z.string().optional(),
  arguments: z.record(name('parameter'), ArgumentSourceSchema).default({}),
  retry: z
    .strictObject({
      attempts: z.int().min(1).max(100).default(3),
      backoffMs: z.int().nonnegative().default(1000),
    })
    .default({ attempts: 3, backoffMs: 1000 }),
};

export const TriggerSchema = z
  .discriminatedUnion('type', [
    z.strictObject({
      ...triggerBase,
      type: z.literal('webhook'),
      path: z
        .string()
        .regex(
          /^\/[A-Za-z0-9/_.-]*$/,
          'must start with "/" and use only letters, digits, "/", "_", "." and "-"',
        ),
      secret: z
        .strictObject({ envVar, scheme: z.enum(['github', 'standard']).default('github') })
        .optional()
        .describe('Check a signature made with the secret in this env var.'),
      maxBodyBytes: z.int().positive().default(1_048_576),
    }),
    z.strictObject({
      ...triggerBase,
      type: z.literal('cron'),
      schedule: z.string().min(1).describe('Cron expression (5 or 6 fields) or @hourly, @daily, …'),
      timezone: z.string().default('UTC'),
      overlap: z.boolean().default(false).describe('Start a run while the previous one is still going.'),
    }),
    z.strictObject({
      ...triggerBase,
      type: z.literal('file'),
      paths: z.array(z.string().min(1)).min(1).describe('Files, folders or globs to watch.'),
      events: z
        .array(z.enum(['add', 'change', 'unlink']))
        .min(1)
        .default(['add', 'change']),
      debounceMs: z.int().nonnegative().default(200),
    }),
    z.strictObject({
      ...triggerBase,
      type: z.literal('queue'),
      kind: z.enum(['redis-list', 'redis-stream', 'rabbitmq']),
      connection: name('connection'),
      queue: z.string().min(1).max(255),
      group: z
        .string()
        .min(1)
        .optional()
        .describe('Consumer group (redis-stream); defaults to the server name.'),
      deadLetter: z
        .string()
        .min(1)
        .optional()
        .describe('Where failed messages go; defaults to <queue>.dead.'),
    }),
    z.strictObject({
      ...triggerBase,
      type: z.literal('database'),
      connection: name('connection'),
      channel: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,62}$/, 'must be a PostgreSQL identifier'),
    }),
    z.strictObject({ ...triggerBase, type: z.literal('startup') }),
  ])
  .meta({ id: 'Trigger' });

export const TRIGGER_TYPES = ['webhook', 'cron', 'file', 'queue', 'database', 'startup'] as const;

// ---------------------------------------------------------------------------------------------------------
// Optional resources and prompts
// ---------------------------------------------------------------------------------------------------------

const ResourceSchema = z.strictObject({
  uri: z.string().regex(/^[a-z][a-z0-9+.-]*:\S+$/, 'must be a URI such as inventory://schema'),
  name: z.string().min(1),
  description: z.string().optional(),
  mimeType: z.string().default('text/plain'),
  text: z.string().describe('The content served for this resource.'),
});

const PromptSchema = z.strictObject({
  name: name('tool'),
  description: z.string().optional(),
  arguments: z
    .array(
      z.strictObject({
        name: name('parameter'),
        description: z.string().optional(),
        required: z.boolean().default(false),
      }),
    )
    .default([]),
  text: z.string().min(1).describe('The prompt text; {name} is replaced by the argument.'),
});

// ---------------------------------------------------------------------------------------------------------
// The server
// ---------------------------------------------------------------------------------------------------------

const AuthSchema = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('none') }),
    z.strictObject({
      type: z.literal('api_key'),
      header: z
        .string()
        .regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name')
        .default('X-API-Key'),
      envVar: envVar.default('MCP_API_KEYS').describe('Env var holding the valid keys, comma-separated.'),
    }),
    z.strictObject({
      type: z.literal('bearer'),
      envVar: envVar
        .default('MCP_BEARER_TOKENS')
        .describe('Env var holding the valid tokens, comma-separated.'),
    }),
    z.strictObject({
      type: z.literal('oauth2'),
      issuer: z.url().describe('Authorization server (token issuer).'),
      audience: z
        .string()
        .min(1)
        .describe('This server’s resource identifier (RFC 8707), checked in tokens.'),
      jwksUrl: z.url().optional().describe('Defaults to <issuer>/.well-known/jwks.json.'),
      scopes: z.array(z.string().min(1)).default([]),
    }),
  ])
  .default({ type: 'none' })
  .meta({ id: 'Auth' });

export const SpecSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: name('server'),
    version: z.string().describe('Semantic version, e.g. 1.0.0.'),
    description: z.string().default(''),
    transport: z.enum(['stdio', 'http']).default('stdio'),
    http: z
      .strictObject({
        host: z.string().default('127.0.0.1'),
        port: z.int().min(0).max(65535).default(3000),
        allowedHosts: z.array(z.string()).default([]).describe('Extra Host header values accepted.'),
        allowedOrigins: z.array(z.string()).default([]).describe('Extra Origin values accepted.'),
      })
      .default({ host: '127.0.0.1', port: 3000, allowedHosts: [], allowedOrigins: [] })
      .describe('HTTP listener (for the http transport, and webhooks on any transport).'),
    auth: AuthSchema,
    connections: z.array(ConnectionSchema).default([]),
    tools: z.array(ToolSchema).min(1, 'a server needs at least one tool'),
    triggers: z.array(TriggerSchema).default([]),
    resources: z.array(ResourceSchema).default([]),
    prompts: z.array(PromptSchema).default([]),
  })
  .meta({ id: 'McpServerSpec', title: 'MCP Factory server specification' });

export type SpecInput = z.input<typeof SpecSchema>;
/** A parsed spec with every default explicit (see normalize.ts for the derived ones). */
export type ServerSpec = z.output<typeof SpecSchema>;
export type ToolSpec = ServerSpec['tools'][number];
export type ConnectionSpec = ServerSpec['connections'][number];
export type TriggerSpec = ServerSpec['triggers'][number];
export type ImplementationSpec = z.output<typeof ImplementationSchema>;
export type AuthSpec = ServerSpec['auth'];
