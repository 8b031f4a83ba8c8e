/**
 * The official MCP registry `server.json` format (schema 2025-12-11), as a zod schema so documents can be
 * validated with precise field paths. Written from the published JSON Schema
 * (https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json); unknown members are
 * dropped on parse, except `_meta`, which is kept as is.
 */
import { z } from 'zod';

export const SERVER_JSON_SCHEMA_URL =
  'https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json';

const urlTemplate = z
  .string()
  .regex(
    /^(https?:\/\/\S+|\{[a-zA-Z_][a-zA-Z0-9_]*\}\S*)$/,
    'must start with http://, https:// or a {variable}, with no spaces',
  );

const exactVersion = z
  .string()
  .min(1, 'must not be empty')
  .max(255, 'must be at most 255 characters')
  .refine((version) => !/^[\^~<>=]|\.x\b|\*|^latest$/.test(version), {
    message: 'must be one specific version, not a range or "latest"',
  });

const inputFields = {
  description: z.string().optional(),
  isRequired: z.boolean().optional(),
  isSecret: z.boolean().optional(),
  format: z.enum(['string', 'number', 'boolean', 'filepath']).optional(),
  value: z.string().optional(),
  default: z.string().optional(),
  placeholder: z.string().optional(),
  choices: z.array(z.string()).optional(),
};
const InputSchema = z.object(inputFields);
const inputWithVariables = { ...inputFields, variables: z.record(z.string(), InputSchema).optional() };

/** An environment variable or HTTP header a client sets when it runs or calls the server. */
export const KeyValueInputSchema = z.object({ ...inputWithVariables, name: z.string().min(1) });

const ArgumentSchema = z.discriminatedUnion('type', [
  z
    .object({
      ...inputWithVariables,
      type: z.literal('positional'),
      valueHint: z.string().optional(),
      isRepeated: z.boolean().optional(),
    })
    .refine((argument) => argument.value !== undefined || argument.valueHint !== undefined, {
      message: 'a positional argument needs "value" or "valueHint"',
    }),
  z.object({
    ...inputWithVariables,
    type: z.literal('named'),
    name: z.string().min(1),
    isRepeated: z.boolean().optional(),
  }),
]);

const headers = z.array(KeyValueInputSchema).optional();
const StdioTransportSchema = z.object({ type: z.literal('stdio') });
const HttpTransportSchema = z.object({ type: z.literal('streamable-http'), url: urlTemplate, headers });
const SseTransportSchema = z.object({ type: z.literal('sse'), url: urlTemplate, headers });
const variables = z.record(z.string(), InputSchema).optional();

export const PackageSchema = z.object({
  registryType: z.string().min(1).describe('npm, pypi, oci, nuget, mcpb, …'),
  registryBaseUrl: z.url().optional(),
  identifier: z.string().min(1),
  version: exactVersion.optional(),
  fileSha256: z
    .string()
    .regex(/^[a-f0-9]{64}$/, 'must be 64 lowercase hex digits')
    .optional(),
  runtimeHint: z.string().optional(),
  runtimeArguments: z.array(ArgumentSchema).optional(),
  packageArguments: z.array(ArgumentSchema).optional(),
  transport: z.discriminatedUnion('type', [StdioTransportSchema, HttpTransportSchema, SseTransportSchema]),
  environmentVariables: z.array(KeyValueInputSchema).optional(),
});

export const RemoteSchema = z.discriminatedUnion('type', [
  HttpTransportSchema.extend({ variables }),
  SseTransportSchema.extend({ variables }),
]);

export const ServerJsonSchema = z.object({
  $schema: z.url().optional(),
  name: z
    .string()
    .min(3, 'must be at least 3 characters')
    .max(200, 'must be at most 200 characters')
    .regex(/^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/, 'must be "namespace/name", e.g. io.github.user/weather'),
  title: z.string().min(1).max(100, 'must be at most 100 characters').optional(),
  description: z.string().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  version: exactVersion,
  websiteUrl: z.url().optional(),
  repository: z
    .object({
      url: z.url(),
      source: z.string().min(1),
      id: z.string().optional(),
      subfolder: z.string().optional(),
    })
    .optional(),
  icons: z
    .array(
      z.object({
        src: z.url().max(255),
        mimeType: z.enum(['image/png', 'image/jpeg', 'image/jpg', 'image/svg+xml', 'image/webp']).optional(),
        sizes: z.array(z.string().regex(/^(\d+x\d+|any)$/, 'must be WxH or "any"')).optional(),
        theme: z.enum(['light', 'dark']).optional(),
      }),
    )
    .optional(),
  packages: z.array(PackageSchema).optional(),
  remotes: z.array(RemoteSchema).optional(),
  _meta: z.record(z.string(), z.unknown()).optional(),
});

export type ServerJson = z.output<typeof ServerJsonSchema>;
export type ServerJsonPackage = z.output<typeof PackageSchema>;
export type ServerJsonRemote = z.output<typeof RemoteSchema>;
export type ServerJsonKeyValue = z.output<typeof KeyValueInputSchema>;
