/**
 * The `remove` use case: stop and delete every deployment of the server, the artifacts the factory made for
 * it in its data directory (bundles, image contexts), and every registry row. What targets built or keep for
 * it — Docker images and the data volume with its SQLite files, microVM rootfs and snapshots — goes only with
 * `purge`, which also works after a plain remove (the targets find those by name, without any record). The
 * generated project folder holds the user's handler code, so it is deleted only when asked (`deleteProject`).
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { FactoryError, unlessNotFound } from '../errors.js';
import type { RemovalSummary } from '../registry/index.js';
import { assertSafeName } from '../spec/names.js';
import type { FactoryContext } from './factory-context.js';
import { findDeployments } from './find-deployment.js';

export interface RemoveServerResult extends RemovalSummary {
  readonly stoppedTargets: readonly string[];
  readonly deletedPaths: readonly string[];
  /** The generated project folder, when it was kept. */
  readonly keptProject: string | null;
  /** What `purge` deleted on the targets (images, volumes, cache folders). */
  readonly purged: readonly string[];
}

export interface RemoveServerOptions {
  readonly deleteProject?: boolean;
  readonly purge?: boolean;
}

export async function removeServer(
  context: FactoryContext,
  name: string,
  options: RemoveServerOptions = {},
): Promise<RemoveServerResult> {
  const registry = await context.registry();
  const projects = await projectDirs(context, name);
  if (projects === undefined) return purgeAfterRemove(context, name, options);
  const deployments = await findDeployments(context, name);
  for (const { target } of deployments) await target.remove(name, { purge: options.purge === true });
  const purged = options.purge ? await purgeTargets(context, name) : [];
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
    purged,
  };
}

/** A server the registry no longer knows: `purge` may still find what a plain remove left on the targets. */
async function purgeAfterRemove(
  context: FactoryContext,
  name: string,
  options: RemoveServerOptions,
): Promise<RemoveServerResult> {
  const purged = options.purge ? await purgeTargets(context, name) : [];
  if (purged.length === 0) {
    throw new FactoryError('NOT_FOUND', `no server named ${name}`, {
      ...(options.purge ? { hint: 'and no target keeps anything built for it' } : {}),
    });
  }
  return {
    name,
    versions: 0,
    deployments: 0,
    stoppedTargets: [],
    deletedPaths: [],
    keptProject: null,
    purged,
  };
}

/** Every target's leftovers of NAME; a target that cannot run here (no Docker engine) has none. */
async function purgeTargets(context: FactoryContext, name: string): Promise<string[]> {
  const purged: string[] = [];
  for (const target of Object.values(context.targets)) {
    try {
      purged.push(...(await target.purge(name)));
    } catch (error) {
      if (!(error instanceof FactoryError && error.code === 'TARGET_UNAVAILABLE')) throw error;
    }
  }
  return purged;
}

/** The project folders of every version; undefined for a server the registry does not know. */
async function projectDirs(context: FactoryContext, name: string): Promise<string[] | undefined> {
  const registry = await context.registry();
  const versions = (await unlessNotFound(registry.listVersions(name))) ?? [];
  if (versions.length === 0) return undefined;
  const dirs = await Promise.all(
    versions.map(async (v) => (await registry.getVersion(name, v.version)).artifactDir),
  );
  return [...new Set(dirs.filter((dir): dir is string => dir !== null))];
}
