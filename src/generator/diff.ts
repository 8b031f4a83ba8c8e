/**
 * How a project on disk differs from a plan. Shared by `write` (what to do) and `check` (whether anything
 * would change). Reads files; changes nothing.
 */
import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import { FactoryError } from '../errors.js';
import type { Manifest } from './manifest.js';
import type { GenerationPlan } from './types.js';

export interface ProjectDiff {
  readonly added: string[];
  readonly changed: string[];
  readonly unchanged: string[];
  /** Generated files recorded in the manifest that are no longer planned (and still exist). */
  readonly removed: string[];
  /** User-owned files that exist and are left alone. */
  readonly kept: string[];
  /** User-owned files the manifest records that the plan no longer has. */
  readonly orphaned: string[];
  /** Files the plan wants to write that exist but the manifest does not know: the user's, not ours. */
  readonly conflicts: string[];
}

export async function diffProject(
  plan: GenerationPlan,
  dir: string,
  manifest: Manifest | undefined,
): Promise<ProjectDiff> {
  const diff: ProjectDiff = {
    added: [],
    changed: [],
    unchanged: [],
    removed: [],
    kept: [],
    orphaned: [],
    conflicts: [],
  };
  const known = manifest?.files ?? {};
  for (const file of plan.files) {
    const current = await readIfExists(join(dir, file.path));
    if (current === undefined) diff.added.push(file.path);
    else if (file.ownership === 'user') diff.kept.push(file.path);
    else if (!Object.hasOwn(known, file.path)) diff.conflicts.push(file.path);
    else if (current === file.content) diff.unchanged.push(file.path);
    else diff.changed.push(file.path);
  }
  const planned = new Set(plan.files.map((f) => f.path));
  for (const [path, entry] of Object.entries(known)) {
    if (planned.has(path)) continue;
    assertInside(path);
    if (!(await exists(join(dir, path)))) continue;
    (entry.ownership === 'generated' ? diff.removed : diff.orphaned).push(path);
  }
  return diff;
}

/** A manifest is data from disk: never let one of its paths point outside the project. */
function assertInside(path: string): void {
  if (isAbsolute(path) || normalize(path) !== path || path.split('/').includes('..')) {
    throw new FactoryError('OUTPUT_CONFLICT', `the manifest lists a path outside the project: ${path}`);
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
