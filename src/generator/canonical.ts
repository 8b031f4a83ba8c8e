/**
 * One key order for a spec, whatever order its source (or normalize, which appends derived keys) used, so
 * the same spec always gives the same bytes: a project generated from a spec and one regenerated from its
 * own mcp.spec.yaml are identical. Structural keys follow KEY_ORDER; the order of user maps (parameters,
 * properties, headers, trigger arguments) is the user's and is kept, as are JSON values (default, enum…).
 */
import type { ServerSpec } from '../spec/types.js';

// biome-ignore format: a table reads better packed
const KEY_ORDER = [
  '$schema', 'name', 'version', 'title', 'description', 'type', 'kind', 'transport', 'http', 'host', 'port',
  'allowedHosts', 'allowedOrigins', 'auth', 'issuer', 'audience', 'jwksUrl', 'scopes', 'header', 'envVar',
  'connections', 'connection', 'defaultPath', 'readOnly', 'maxRows', 'poolSize', 'init', 'timeoutMs',
  'headers', 'tools', 'parameters', 'required', 'enum', 'const', 'default', 'examples', 'format', 'pattern',
  'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'items', 'properties',
  'additionalProperties', 'anyOf', 'oneOf', 'returns', 'implementation', 'statement', 'result', 'method',
  'path', 'query', 'body', 'resultPath', 'document', 'operation', 'pathParameter', 'contentParameter',
  'pagination', 'pageSize', 'maxPageSize', 'annotations', 'destructive', 'idempotent', 'openWorld',
  'triggers', 'tool', 'schedule', 'timezone', 'overlap', 'paths', 'events', 'debounceMs', 'queue', 'group',
  'deadLetter', 'channel', 'secret', 'scheme', 'maxBodyBytes', 'arguments', 'from', 'value', 'retry',
  'attempts', 'backoffMs', 'resources', 'uri', 'mimeType', 'text', 'prompts',
];
const RANK = new Map(KEY_ORDER.map((key, i) => [key, i]));

/** Keys whose value is a map named by the user: its own key order is kept. */
const USER_MAPS = new Set(['parameters', 'properties', 'headers', 'arguments']);
/** Keys whose value is arbitrary JSON from the user: copied as is. */
const JSON_VALUES = new Set(['default', 'enum', 'const', 'examples', 'value']);

export function canonicalSpec(spec: ServerSpec): ServerSpec {
  return canonical(spec) as ServerSpec;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  entries.sort(
    ([a], [b]) => (RANK.get(a) ?? KEY_ORDER.length) - (RANK.get(b) ?? KEY_ORDER.length) || compare(a, b),
  );
  return Object.fromEntries(entries.map(([key, v]) => [key, child(key, v)]));
}

function child(key: string, value: unknown): unknown {
  if (JSON_VALUES.has(key)) return value;
  if (USER_MAPS.has(key) && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonical(v)]));
  }
  return canonical(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
