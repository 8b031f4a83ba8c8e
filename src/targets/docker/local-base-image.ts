/**
 * `mcp-factory/node-base:<host node version>`: a base image made from this host's Node runtime and imported
 * through the engine's image import (no registry, no Dockerfile). Built once, then reused while present.
 */
import { existsSync } from 'node:fs';
import { FactoryError } from '../../errors.js';
import type { Engine } from './engine.js';
import { engineMessage, unlessMissing } from './engine.js';
import { CA_BUNDLE, hostNodeFiles, rootfsTar } from './host-node-rootfs.js';
import { LOCAL_BASE_REPO, localBaseRef } from './names.js';
import { followProgress } from './progress-stream.js';

/** The local base image's reference, building it first when the engine does not have it yet. */
export async function ensureLocalBase(engine: Engine, progress: (message: string) => void): Promise<string> {
  const ref = localBaseRef();
  if ((await unlessMissing(engine.getImage(ref).inspect())) !== undefined) return ref;
  progress(`building ${ref} from this host's Node runtime (${process.execPath})`);
  try {
    const files = await hostNodeFiles();
    const stream = await engine.importImage(rootfsTar(files), {
      repo: LOCAL_BASE_REPO,
      tag: ref.slice(LOCAL_BASE_REPO.length + 1),
      changes: baseImageChanges(),
    });
    await followProgress(engine, stream);
  } catch (error) {
    throw new FactoryError(
      'RUNTIME_FAILED',
      `could not build the local base image ${ref}: ${engineMessage(error)}`,
      {
        hint: 'it needs `ldd` and a readable node binary on this host',
        cause: error,
      },
    );
  }
  return ref;
}

/** Dockerfile instructions applied to the imported filesystem. */
function baseImageChanges(): string[] {
  const changes = [
    'ENV PATH=/usr/local/bin:/usr/bin:/bin',
    `LABEL mcp-factory.base=true mcp-factory.node=${process.version}`,
  ];
  if (existsSync(CA_BUNDLE)) changes.push(`ENV NODE_EXTRA_CA_CERTS=${CA_BUNDLE}`);
  return changes;
}
