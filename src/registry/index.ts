/**
 * The registry module's public surface. Everything that knows SQL stays below this folder; the rest of
 * the factory uses `openRegistry` and the `Registry` interface.
 */
import type { Registry } from './registry.js';
import { openSqliteRegistry } from './sqlite/open.js';

export { canonicalJson, specHash } from './canonical-json.js';
export { type GeneratedVersionOptions, versionFromSpec } from './from-spec.js';
export { REGISTRY_FILE_NAME, registryFile, resolveHome } from './home.js';
export * from './records.js';
export type { ExportOptions, ListOptions, Registry, SearchOptions } from './registry.js';
export { compareSemver, isSemver } from './semver.js';
export {
  SERVER_JSON_SCHEMA_URL,
  type ServerJson,
  type ServerJsonKeyValue,
  type ServerJsonPackage,
  type ServerJsonRemote,
  ServerJsonSchema,
} from './server-json.js';
export {
  DEFAULT_NAMESPACE,
  parseServerJson,
  toServerJson,
  versionFromServerJson,
} from './server-json-convert.js';

export interface OpenRegistryOptions {
  /** The factory's data directory: `resolveHome(env)`. The database is `<home>/registry.db`. */
  readonly home: string;
}

/** Open the registry (the embedded SQLite one; a PostgreSQL URL option comes with that implementation). */
export function openRegistry(options: OpenRegistryOptions): Promise<Registry> {
  return openSqliteRegistry({ home: options.home });
}
