/**
 * package.json of a generated server: exactly the dependencies it needs, at the versions the factory itself
 * uses (read from the factory's package.json, so there is one source of truth for versions). Which packages
 * the copied runtime needs is read from its imports (imports.ts).
 */
import { FactoryError } from '../../errors.js';
import type { ServerSpec } from '../../spec/types.js';
import type { TemplateFiles } from '../types.js';
import { scanImports } from './imports.js';
import { hasPattern } from './input-schema.js';
import { stableJson } from './serialize.js';

/** Generated code itself imports zod; building and testing needs the compiler and Node types. */
const GENERATED_CODE_DEPENDENCIES = ['zod'];
const BUILD_DEPENDENCIES = ['typescript', '@types/node'];

/** Packages the runtime loads (with dynamic import) only for a feature the spec uses. */
const FEATURE_PACKAGES: Record<string, readonly string[]> = {
  postgresql: ['pg'],
  mysql: ['mysql2'],
  sqlite: ['better-sqlite3'],
  redis: ['ioredis'],
  rabbitmq: ['amqplib'],
  cron: ['croner'],
  file: ['chokidar'],
  oauth2: ['jose'],
  pattern: ['re2js'],
};

/** The feature keys of FEATURE_PACKAGES the spec uses. */
export function usedFeatures(spec: ServerSpec): string[] {
  const features = new Set<string>(spec.connections.map((c) => c.type));
  for (const trigger of spec.triggers) {
    if (trigger.type === 'cron' || trigger.type === 'file') features.add(trigger.type);
    if (trigger.type === 'queue') features.add(trigger.kind === 'rabbitmq' ? 'rabbitmq' : 'redis');
    if (trigger.type === 'database') features.add('postgresql');
  }
  if (spec.auth.type === 'oauth2') features.add('oauth2');
  if (spec.tools.some((tool) => hasPattern(tool.parameters))) features.add('pattern');
  return [...features].filter((f) => f in FEATURE_PACKAGES).sort();
}

export interface DependencySets {
  readonly dependencies: string[];
  readonly devDependencies: string[];
}

export function dependencySets(spec: ServerSpec, templates: TemplateFiles): DependencySets {
  // The trigger runtime is copied only for a spec with triggers; its drivers load dynamically (features).
  const triggers = spec.triggers.length > 0 ? Object.values(templates.triggers) : [];
  const runtime = scanImports([...Object.values(templates.lib), ...triggers]);
  const testing = scanImports(Object.values(templates.testing));
  const features = usedFeatures(spec).flatMap((f) => FEATURE_PACKAGES[f] ?? []);
  const dependencies = new Set([...GENERATED_CODE_DEPENDENCIES, ...runtime.value, ...features]);
  const compileOnly = [...runtime.typeOnly, ...runtime.dynamic, ...testing.value, ...testing.typeOnly];
  const devDependencies = new Set(BUILD_DEPENDENCIES);
  for (const name of [...compileOnly, ...dependencies]) {
    const types = typesPackage(name, templates.versions);
    if (types) devDependencies.add(types);
    // A package imported only for its types (and that ships them) is a dev dependency itself.
    else if (!dependencies.has(name) && compileOnly.includes(name)) devDependencies.add(name);
  }
  for (const name of dependencies) devDependencies.delete(name);
  return { dependencies: [...dependencies].sort(), devDependencies: [...devDependencies].sort() };
}

/** `@types/<name>` when the factory uses one (the package ships no types of its own). */
function typesPackage(name: string, versions: TemplateFiles['versions']): string | undefined {
  const types = `@types/${name.startsWith('@') ? name.slice(1).replace('/', '__') : name}`;
  return versions[types] === undefined ? undefined : types;
}

function pinned(names: readonly string[], versions: TemplateFiles['versions']): Record<string, string> {
  const result: Record<string, string> = {};
  for (const name of names) {
    const version = versions[name];
    if (version === undefined) {
      throw new FactoryError('INTERNAL', `the factory's package.json has no version for ${name}`);
    }
    result[name] = version;
  }
  return result;
}

export function packageJson(spec: ServerSpec, templates: TemplateFiles): string {
  const sets = dependencySets(spec, templates);
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
      // The shell expands the glob on Node 20 (which takes no patterns); Node 22+ would expand it itself.
      test: 'tsc && node --test dist/test/*.test.js',
    },
    dependencies: pinned(sets.dependencies, templates.versions),
    devDependencies: pinned(sets.devDependencies, templates.versions),
  });
}
