/**
 * The `remove` use case: stop and delete every deployment of the server, the artifacts the factory made for
 * it in its data directory (bundles, image contexts; with `purge` also what targets built: Docker images,
 * microVM rootfs and snapshots), and every registry row. The generated project folder holds the user's handler
 * code, so it is deleted only when asked (`deleteProject`).
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FactoryError } from '../errors.js';
import type { RemovalSummary } from '../registry/index.js';
import { assertSafeName } from '../spec/names.js';
import type { FactoryContext } from './factory-context.js';
import { findDeployments } from './find-deployment.js';

export interface RemoveServerResult extends RemovalSummary {
  readonly stoppedTargets: readonly string[];
  readonly deletedPaths: readonly string[];
  /** The generated project folder, when it was kept. */
  readonly keptProject: string | null;
}

export async function removeServer(
  context: FactoryContext,
  name: string,
  options: { readonly deleteProject?: boolean; readonly purge?: boolean } = {},
): Promise<RemoveServerResult> {
  const registry = await context.registry();
  const projects = await projectDirs(context, name);
  const deployments = await findDeployments(context, name);
  for (const { target } of deployments) await target.remove(name, { purge: options.purge === true });
  const safeName = assertSafeName('server', name);
  const deleted = [join(context.home, 'artifacts', safeName), join(context.home, 'images', safeName)];
  for (const dir of deleted) await rm(dir, { recursive: true, force: true });
  if (options.deleteProject) {
    for (const dir of projects) await rm(dir, { recursive: true, force: true });
    deleted.push(...projects);
  }
  const summary = await registry.removeServer(name);
  return {
    ...summary,
    stoppedTargets: deployments.map(({ target }) => target.kind),
    deletedPaths: deleted,
    keptProject: options.deleteProject ? null : (projects[0] ?? null),
  };
}

/** The project folders of every version (the registry fails with NOT_FOUND for an unknown server). */
async function projectDirs(context: FactoryContext, name: string): Promise<string[]> {
  const registry = await context.registry();
  const versions = await registry.listVersions(name);
  if (versions.length === 0) throw new FactoryError('NOT_FOUND', `no server named ${name}`);
  const dirs = await Promise.all(
    versions.map(async (v) => (await registry.getVersion(name, v.version)).artifactDir),
  );
  return [...new Set(dirs.filter((dir): dir is string => dir !== null))];
}
