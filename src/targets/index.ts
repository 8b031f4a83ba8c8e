/**
 * The deployment targets by kind. Adding one (docker, microvm) means a sibling folder implementing
 * `Target` and one entry here — nothing else switches on the kind.
 */
import { DockerTarget, type DockerTargetOptions } from './docker/docker-target.js';
import { LocalTarget, type LocalTargetOptions } from './local/local-target.js';
import { MicrovmTarget, type MicrovmTargetOptions } from './microvm/microvm-target.js';
import type { Target, TargetKind } from './target.js';

export { buildClientConfig } from './local/client-config.js';
export { LocalTarget, type LocalTargetOptions } from './local/local-target.js';
export type * from './target.js';

export interface TargetOptions {
  readonly local?: LocalTargetOptions;
  readonly docker?: DockerTargetOptions;
  readonly microvm?: MicrovmTargetOptions;
}

export function createTargets(options: TargetOptions = {}): Record<TargetKind, Target> {
  return {
    local: new LocalTarget(options.local),
    docker: new DockerTarget(options.docker),
    microvm: new MicrovmTarget(options.microvm),
  };
}
