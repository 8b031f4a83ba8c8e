/** check(plan, dir): whether `write(plan, dir)` would change any generated file (`create --check`). */
import { diffProject } from './diff.js';
import { readManifest } from './manifest.js';
import type { CheckResult, GenerationPlan } from './types.js';

export async function check(plan: GenerationPlan, dir: string): Promise<CheckResult> {
  const manifest = await readManifest(dir);
  const diff = await diffProject(plan, dir, manifest);
  // A generated path that exists but is unknown to the manifest would be a conflict for write: stale too.
  const changed = [...diff.changed, ...diff.conflicts].sort();
  const stale = diff.added.length + changed.length + diff.removed.length > 0;
  return { dir, stale, added: diff.added, changed, removed: diff.removed };
}
