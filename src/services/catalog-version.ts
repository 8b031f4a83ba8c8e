/**
 * Records a generated server version in the registry once its project is written: the normalized spec,
 * where the project lives, its tools, and what it depends on (npm packages from its package.json, env vars
 * and connections from the spec — names only, never values).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FactoryError, unlessNotFound } from '../errors.js';
import { envVars } from '../generator/env-vars.js';
import { type RecordResult, specHash, versionFromSpec } from '../registry/index.js';
import type { ServerSpec } from '../spec/types.js';
import type { FactoryContext } from './factory-context.js';

/** `dir` is where the project lives; `readFrom` where its files are now (a new project's temp folder). */
export async function catalogVersion(
  context: FactoryContext,
  spec: ServerSpec,
  dir: string,
  readFrom = dir,
): Promise<RecordResult> {
  const manifest = JSON.parse(await readFile(join(readFrom, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const registry = await context.registry();
  return registry.recordVersion(
    versionFromSpec(spec, {
      artifactDir: dir,
      npmDependencies: manifest.dependencies,
      envVars: envVars(spec).filter((variable) => variable.usage !== 'runtime'),
    }),
  );
}

/**
 * Refuses, before anything is written, a version the registry already holds with a different spec: the
 * same version number must always mean the same server.
 */
export async function assertVersionIsFree(context: FactoryContext, spec: ServerSpec): Promise<void> {
  const registry = await context.registry();
  const existing = await unlessNotFound(registry.getVersion(spec.name, spec.version));
  if (existing !== undefined && existing.specHash !== specHash(spec)) {
    throw new FactoryError('CONFLICT', `${spec.name} ${spec.version} already exists with a different spec`, {
      hint: `bump "version" in the spec (the catalogue keeps every version; latest is ${await registry.latestVersion(spec.name)})`,
    });
  }
}
