/**
 * The deployment's named volume, mounted at /data: the image's working directory, where relative paths such
 * as ./notes.db land, so they persist across restarts and redeploys on a read-only root. The generated
 * Dockerfile gives /data to the `node` user, and the engine copies that ownership into a new, empty volume
 * on its first mount.
 */
import type { Engine } from './engine.js';
import { unlessMissing } from './engine.js';
import { ownLabels, volumeName } from './names.js';

export async function ensureDataVolume(engine: Engine, name: string, version: string): Promise<void> {
  const volume = volumeName(name);
  if ((await unlessMissing(engine.getVolume(volume).inspect())) !== undefined) return;
  await engine.createVolume({ Name: volume, Labels: ownLabels(name, version) });
}
