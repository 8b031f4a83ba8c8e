/**
 * package.json of a generated server: exactly the dependencies it needs, at the versions the factory itself
 * uses (read from the factory's package.json, so there is one source of truth for versions).
 */
import { FactoryError } from '../../errors.js';
import type { ServerSpec } from '../../spec/types.js';
import type { TemplateFiles } from '../types.js';
import { stableJson } from './serialize.js';

/** Every server needs these at run time: the SDK (stdio and HTTP) and zod. */
const BASE_DEPENDENCIES = ['@modelcontextprotocol/server', '@modelcontextprotocol/node', 'zod'];
const BASE_DEV_DEPENDENCIES = ['@modelcontextprotocol/client', '@types/node', 'typescript'];

/** Packages the runtime loads only when the spec uses the feature (and their type packages). */
const DRIVER_PACKAGES: Record<string, { dependencies: string[]; devDependencies: string[] }> = {
  postgresql: { dependencies: ['pg'], devDependencies: ['@types/pg'] },
  mysql: { dependencies: ['mysql2'], devDependencies: [] },
  sqlite: { dependencies: ['better-sqlite3'], devDependencies: ['@types/better-sqlite3'] },
  redis: { dependencies: ['ioredis'], devDependencies: [] },
  rabbitmq: { dependencies: ['amqplib'], devDependencies: ['@types/amqplib'] },
  cron: { dependencies: ['croner'], devDependencies: [] },
  file: { dependencies: ['chokidar'], devDependencies: [] },
  oauth2: { dependencies: ['jose'], devDependencies: [] },
};

/** The feature keys of DRIVER_PACKAGES the spec uses. */
export function usedFeatures(spec: ServerSpec): string[] {
  const features = new Set<string>(spec.connections.map((c) => c.type));
  for (const trigger of spec.triggers) {
    if (trigger.type === 'cron' || trigger.type === 'file') features.add(trigger.type);
    if (trigger.type === 'queue') features.add(trigger.kind === 'rabbitmq' ? 'rabbitmq' : 'redis');
    if (trigger.type === 'database') features.add('postgresql');
  }
  if (spec.auth.type === 'oauth2') features.add('oauth2');
  return [...features].filter((f) => f in DRIVER_PACKAGES).sort();
}

export function dependencySets(spec: ServerSpec): { dependencies: string[]; devDependencies: string[] } {
  const features = usedFeatures(spec).map((f) => DRIVER_PACKAGES[f]!);
  return {
    dependencies: [...BASE_DEPENDENCIES, ...features.flatMap((f) => f.dependencies)],
    devDependencies: [...BASE_DEV_DEPENDENCIES, ...features.flatMap((f) => f.devDependencies)],
  };
}

function pinned(names: readonly string[], versions: TemplateFiles['versions']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of [...new Set(names)].sort()) {
    const version = versions[name];
    if (version === undefined) {
      throw new FactoryError('INTERNAL', `the factory's package.json has no version for ${name}`);
    }
    result[name] = version;
  }
  return result;
}

export function packageJson(spec: ServerSpec, templates: TemplateFiles): string {
  const sets = dependencySets(spec);
  return stableJson({
    name: spec.name,
    version: spec.version,
    description: spec.description,
    private: true,
    type: 'module',
    engines: { node: '>=20.19' },
    main: './dist/src/index.js',
    bin: { [spec.name]: 'dist/src/index.js' },
    scripts: {
      build: 'tsc',
      start: 'node dist/src/index.js',
      test: 'tsc && node --test dist/test/',
    },
    dependencies: pinned(sets.dependencies, templates.versions),
    devDependencies: pinned(sets.devDependencies, templates.versions),
  });
}
