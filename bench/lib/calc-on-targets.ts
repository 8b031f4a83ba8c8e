/**
 * What the target benches share: the generated calc server (test/verification/specs/calc.yaml) packaged for
 * every target in a throwaway home, the three targets on that home, and a teardown that removes (with
 * purge) whatever the bench deployed, then the home — run by the bench runner before the next bench.
 */
import { createTargets, type Target, type TargetKind } from '../../src/targets/index.js';
import type { Artifact } from '../../src/targets/target.js';
import { imageArtifact } from '../../test/helpers/image-artifact.js';

const CALC = 'test/verification/specs/calc.yaml';

export interface CalcOnTargets {
  readonly artifact: Artifact;
  readonly targets: Readonly<Record<TargetKind, Target>>;
  /** Remove the calc deployment of this target (with its images) at teardown. */
  removeAfter(target: Target): void;
}

export function calcOnTargets(): { prepare: () => Promise<CalcOnTargets>; teardown: () => Promise<void> } {
  const cleanups: (() => Promise<void>)[] = [];
  return {
    async prepare() {
      const prepared = await imageArtifact(CALC);
      cleanups.push(async () => prepared.cleanup());
      const { artifact, home } = prepared;
      return {
        artifact,
        targets: createTargets({ local: { home }, docker: { home }, microvm: { home } }),
        removeAfter: (target) => {
          cleanups.push(() => target.remove(artifact.name, { purge: true }));
        },
      };
    },
    async teardown() {
      for (const step of cleanups.splice(0).reverse()) await step().catch(() => undefined);
    },
  };
}
