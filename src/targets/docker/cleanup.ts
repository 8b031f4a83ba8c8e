/**
 * What `remove --purge` (or a `purge` after a plain remove) deletes besides the containers: the data volume
 * holding the server's files and the server's images. Both are found by name and label alone, so no
 * deployment record is needed.
 */

import { setTimeout as sleep } from 'node:timers/promises';
import type { Engine } from './engine.js';
import { engineStatus, unlessMissing } from './engine.js';
import { imageRepo, LABEL, volumeName } from './names.js';

/**
 * The volume (its name, or [] when there was none); the engine refuses while a (just removed) container
 * still holds it, so retry briefly.
 */
export async function removeVolume(engine: Engine, name: string, waitMs = 15_000): Promise<string[]> {
  const volume = volumeName(name);
  if ((await unlessMissing(engine.getVolume(volume).inspect())) === undefined) return [];
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await unlessMissing(engine.getVolume(volume).remove());
      return [volume];
    } catch (error) {
      if (engineStatus(error) !== 409 || Date.now() > deadline) throw error;
      await sleep(100);
    }
  }
}

/**
 * Every `mcp-factory/<name>:*` tag and any untagged image labelled as this server's (never the shared base
 * image). An image a container still uses (another deployment's) stays: the engine refuses, and we let it.
 */
export async function removeServerImages(engine: Engine, name: string): Promise<string[]> {
  const repo = `${imageRepo(name)}:`;
  const tagged = await engine.listImages({ filters: { reference: [`${repo}*`] } });
  const labelled = await engine.listImages({ filters: { label: [`${LABEL.name}=${name}`] } });
  const refs = new Set<string>();
  for (const image of tagged) for (const tag of image.RepoTags ?? []) if (tag.startsWith(repo)) refs.add(tag);
  for (const image of labelled)
    if (!(image.RepoTags ?? []).some((tag) => tag !== '<none>:<none>')) refs.add(image.Id);
  const removed: string[] = [];
  for (const ref of refs) {
    try {
      await unlessMissing(engine.getImage(ref).remove());
      removed.push(ref);
    } catch (error) {
      if (engineStatus(error) !== 409) throw error;
    }
  }
  return removed;
}
