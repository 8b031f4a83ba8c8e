/**
 * Which base image a build uses. The requested one (default `node:<this Node's major>-slim`, see names.ts)
 * when the engine has it or can pull it; otherwise — only when nothing was asked for explicitly — the local
 * base built from this host's Node, saying so. An explicit base that cannot be had is an error.
 */
import { FactoryError } from '../../errors.js';
import type { Engine } from './engine.js';
import { engineMessage, unlessMissing } from './engine.js';
import { ensureLocalBase } from './local-base-image.js';
import { DEFAULT_BASE_IMAGE, LOCAL_BASE_REPO, localBaseRef } from './names.js';
import { followProgress } from './progress-stream.js';

const PULL_TIMEOUT_MS = 60_000;

export async function resolveBaseImage(
  engine: Engine,
  requested: string | undefined,
  progress: (message: string) => void,
): Promise<string> {
  const wanted = requested?.trim() || DEFAULT_BASE_IMAGE;
  if (isLocalBase(wanted)) {
    return wanted === LOCAL_BASE_REPO || wanted === localBaseRef()
      ? ensureLocalBase(engine, progress)
      : wanted;
  }
  if ((await unlessMissing(engine.getImage(wanted).inspect())) !== undefined) return wanted;
  const pulled = await pull(engine, wanted, progress);
  if (pulled === true) return wanted;
  if (requested !== undefined && requested.trim() !== '') {
    throw new FactoryError(
      'USAGE',
      `base image ${wanted} is not on this engine and could not be pulled (${pulled})`,
      {
        hint: `load it (docker load / a registry mirror) or use --base-image ${LOCAL_BASE_REPO} to build one from this host's Node`,
      },
    );
  }
  const local = localBaseRef();
  progress(`${wanted} could not be pulled (${pulled}); using ${local} built from this host's Node`);
  return ensureLocalBase(engine, progress);
}

function isLocalBase(image: string): boolean {
  return image === LOCAL_BASE_REPO || image.startsWith(`${LOCAL_BASE_REPO}:`);
}

/** true, or why the pull failed. */
async function pull(
  engine: Engine,
  image: string,
  progress: (message: string) => void,
): Promise<true | string> {
  progress(`pulling ${image}`);
  try {
    const stream = await engine.pull(image, { abortSignal: AbortSignal.timeout(PULL_TIMEOUT_MS) });
    await followProgress(engine, stream);
    return true;
  } catch (error) {
    return firstLine(engineMessage(error));
  }
}

function firstLine(text: string): string {
  return (text.split('\n')[0] ?? text).slice(0, 200);
}
