/**
 * Builds `mcp-factory/<name>:<version>` from the artifact's image context with the generated Dockerfile
 * (the source of truth) and BASE_IMAGE as a build argument, on the classic builder (the engine API has no
 * BuildKit without buildx). An image whose inputs digest matches is reused as it is.
 */
import { FactoryError } from '../../errors.js';
import type { ImageRecipe } from '../target.js';
import { packContext } from './build-context.js';
import { contextDigest } from './context-digest.js';
import type { Engine } from './engine.js';
import { engineMessage, unlessMissing } from './engine.js';
import { imageRef, ownLabels } from './names.js';
import { followProgress } from './progress-stream.js';

const DIGEST_LABEL = 'mcp-factory.inputs';

export interface BuiltImage {
  readonly ref: string;
  /** false when an identical image was already there. */
  readonly built: boolean;
}

export async function buildServerImage(
  engine: Engine,
  artifact: { readonly name: string; readonly version: string; readonly image: ImageRecipe },
  baseImage: string,
  progress: (message: string) => void,
): Promise<BuiltImage> {
  const ref = imageRef(artifact.name, artifact.version);
  const baseId = (await engine.getImage(baseImage).inspect()).Id;
  const digest = contextDigest(artifact.image.contextDir, [artifact.image.dockerfile, baseId]);
  const existing = await unlessMissing(engine.getImage(ref).inspect());
  if (existing?.Config?.Labels?.[DIGEST_LABEL] === digest) return { ref, built: false };
  progress(`building image ${ref} from ${artifact.image.contextDir} on ${baseImage}`);
  try {
    const stream = await engine.buildImage(packContext(artifact.image.contextDir), {
      t: ref,
      dockerfile: artifact.image.dockerfile,
      buildargs: { BASE_IMAGE: baseImage },
      labels: { ...ownLabels(artifact.name, artifact.version), [DIGEST_LABEL]: digest },
      rm: true,
      forcerm: true,
      pull: false,
      version: '1',
    });
    await followProgress(engine, stream);
  } catch (error) {
    throw new FactoryError('RUNTIME_FAILED', `building ${ref} failed: ${engineMessage(error)}`, {
      hint: `the build context is ${artifact.image.contextDir}`,
      cause: error,
    });
  }
  await dropDangling(engine, existing?.Id);
  return { ref, built: true };
}

/** The image this build replaced under the same tag, unless a container still uses it. */
async function dropDangling(engine: Engine, previousId: string | undefined): Promise<void> {
  if (previousId === undefined) return;
  const now = await unlessMissing(engine.getImage(previousId).inspect());
  if (now !== undefined && (now.RepoTags ?? []).length === 0) {
    await engine
      .getImage(previousId)
      .remove()
      .catch(() => undefined);
  }
}
