/**
 * The deployment targets by kind. Adding one (docker, microvm) means a sibling folder implementing
 * `Target` and one entry here — nothing else switches on the kind. Each target's module is imported on
 * its first call (lazy-target.ts), so commands that never reach a target start fast.
 */
import type { DockerTargetOptions } from './docker/docker-target.js';
import { lazyTarget } from './lazy-target.js';
import type { LocalTargetOptions } from './local/local-target.js';
import type { MicrovmTargetOptions } from './microvm/microvm-target.js';
import type { Target, TargetKind } from './target.js';

export type { LocalTargetOptions } from './local/local-target.js';
export type * from './target.js';

export interface TargetOptions {
  readonly local?: LocalTargetOptions;
  readonly docker?: DockerTargetOptions;
  readonly microvm?: MicrovmTargetOptions;
}

export function createTargets(options: TargetOptions = {}): Record<TargetKind, Target> {
  return {
    local: lazyTarget(
      'local',
      async () => new (await import('./local/local-target.js')).LocalTarget(options.local),
    ),
    docker: lazyTarget(
      'docker',
      async () => new (await import('./docker/docker-target.js')).DockerTarget(options.docker),
    ),
    microvm: lazyTarget(
      'microvm',
      async () => new (await import('./microvm/microvm-target.js')).MicrovmTarget(options.microvm),
    ),
  };
}
