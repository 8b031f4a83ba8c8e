/**
 * Between the registry's records and the official `server.json` format. Shared by every Registry
 * implementation: it only needs a ServerVersion, never the database.
 */
import { FactoryError } from '../errors.js';
import { isSafeName, NAME_PATTERNS } from '../spec/names.js';
import type { ServerTransport, ServerVersion, VersionInput } from './records.js';
import {
  SERVER_JSON_SCHEMA_URL,
  type ServerJson,
  type ServerJsonKeyValue,
  type ServerJsonPackage,
  ServerJsonSchema,
} from './server-json.js';

/**
 * `local/<name>`: valid by the schema, obviously unpublished, and what the generator writes into each
 * project's server.json too. The official registry only accepts a namespace the publisher proved to own,
 * so the user passes theirs (e.g. `io.github.alice`) to publish.
 */
export const DEFAULT_NAMESPACE = 'local';
const MAX_DESCRIPTION = 100;

/** One line, cut to `max` characters without splitting a surrogate pair. */
function clip(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const chars = [...line];
  while (chars.join('').length > max - 1) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

function httpPort(spec: unknown): number | undefined {
  const port = (spec as { http?: { port?: unknown } } | null)?.http?.port;
  return typeof port === 'number' ? port : undefined;
}

function packageTransport(version: ServerVersion): ServerJsonPackage['transport'] {
  if (version.transport !== 'http') return { type: 'stdio' };
  return { type: 'streamable-http', url: `http://127.0.0.1:${httpPort(version.spec) ?? 3000}/mcp` };
}

function environmentVariables(version: ServerVersion): ServerJsonKeyValue[] {
  return version.dependencies
    .filter((dependency) => dependency.kind === 'env')
    .map((dependency) => ({
      name: dependency.name,
      ...(dependency.detail === '' ? {} : { description: dependency.detail }),
      isRequired: dependency.required,
      isSecret: dependency.secret,
    }));
}

/** A generated server as an npm package; an external one as it was imported (its own server.json). */
export function toServerJson(version: ServerVersion, namespace = DEFAULT_NAMESPACE): ServerJson {
  if (version.kind === 'external')
    return { ...(version.spec as ServerJson), $schema: SERVER_JSON_SCHEMA_URL };
  const env = environmentVariables(version);
  const description = version.description.trim() || `MCP server ${version.name}`;
  const document = {
    $schema: SERVER_JSON_SCHEMA_URL,
    name: `${namespace}/${version.name}`,
    description: clip(description, MAX_DESCRIPTION),
    version: version.version,
    packages: [
      {
        registryType: 'npm',
        registryBaseUrl: 'https://registry.npmjs.org',
        identifier: version.name,
        version: version.version,
        transport: packageTransport(version),
        ...(env.length === 0 ? {} : { environmentVariables: env }),
      },
    ],
  };
  // Parse our own output: a namespace the caller passed could still make the name invalid.
  return parseServerJson(document);
}

interface Diagnostic {
  readonly path: string;
  readonly message: string;
}

function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    '',
  );
}

/**
 * The registry never stores a secret: a header or env var marked isSecret may only carry a template
 * ("Bearer {token}"), never the credential itself.
 */
function secretValues(document: ServerJson): Diagnostic[] {
  const found: Diagnostic[] = [];
  const check = (inputs: readonly ServerJsonKeyValue[] | undefined, path: string) => {
    inputs?.forEach((input, index) => {
      if (input.isSecret && input.value !== undefined && !/\{[A-Za-z_][A-Za-z0-9_]*\}/.test(input.value)) {
        const message = 'a secret must not carry its value: leave "value" out, or use a {variable}';
        found.push({ path: `${path}[${index}].value`, message });
      }
    });
  };
  document.packages?.forEach((pkg, index) => {
    check(pkg.environmentVariables, `packages[${index}].environmentVariables`);
    if (pkg.transport.type !== 'stdio') check(pkg.transport.headers, `packages[${index}].transport.headers`);
  });
  document.remotes?.forEach((remote, index) => {
    check(remote.headers, `remotes[${index}].headers`);
  });
  return found;
}

function invalidServerJson(diagnostics: readonly Diagnostic[]): FactoryError {
  const summary = diagnostics.map((d) => `${d.path}: ${d.message}`).join('; ');
  return new FactoryError('SPEC_INVALID', `server.json is not valid: ${summary}`, {
    details: diagnostics,
    hint: `see ${SERVER_JSON_SCHEMA_URL}`,
  });
}

/** Validate a server.json document; every problem is reported with its field path. */
export function parseServerJson(document: unknown): ServerJson {
  const result = ServerJsonSchema.safeParse(document);
  if (!result.success) {
    throw invalidServerJson(
      result.error.issues.map((issue) => ({
        path: pathText(issue.path) || '(root)',
        message: issue.message,
      })),
    );
  }
  const secrets = secretValues(result.data);
  if (secrets.length > 0) throw invalidServerJson(secrets);
  return result.data;
}

/** "io.github.acme/Weather" → "weather": the registry's own names are the part after the namespace. */
function localName(document: ServerJson): string {
  const name = document.name.slice(document.name.indexOf('/') + 1).toLowerCase();
  if (!isSafeName('server', name)) {
    throw invalidServerJson([{ path: 'name', message: `"${name}" ${NAME_PATTERNS.server.message}` }]);
  }
  return name;
}

function transportOf(document: ServerJson): ServerTransport | null {
  return document.remotes?.[0]?.type ?? document.packages?.[0]?.transport.type ?? null;
}

/** What the registry records for an external server described by a (valid) server.json. */
export function versionFromServerJson(document: ServerJson): VersionInput {
  const env = document.packages?.flatMap((pkg) => pkg.environmentVariables ?? []) ?? [];
  return {
    name: localName(document),
    version: document.version,
    description: document.description,
    kind: 'external',
    spec: document,
    transport: transportOf(document),
    remoteUrl: document.remotes?.[0]?.url ?? null,
    tools: [],
    dependencies: [
      ...(document.packages ?? [])
        .filter((pkg) => pkg.registryType === 'npm')
        .map((pkg) => ({ kind: 'npm' as const, name: pkg.identifier, detail: pkg.version ?? '' })),
      ...env.map((variable) => ({
        kind: 'env' as const,
        name: variable.name,
        detail: variable.description ?? '',
        required: variable.isRequired ?? false,
        secret: variable.isSecret ?? false,
      })),
    ],
  };
}
