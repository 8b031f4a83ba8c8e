/**
 * The generator: ServerSpec → GenerationPlan (pure) → files on disk. See DESIGN.md "generator/".
 */
import type { ServerSpec } from '../spec/types.js';
import { type PlanOptions, plan } from './plan.js';
import { loadTemplates } from './templates.js';
import type { WriteResult } from './types.js';
import { write } from './write.js';

export { type BundleResult, bundle } from './bundle.js';
export { check } from './check.js';
export { prebuiltDockerfile } from './emit/docker.js';
export { jsComment, jsString, jsValue } from './escape.js';
export { GENERATED_MARKER } from './header.js';
export { type ImageContext, type StageImageOptions, stageImageContext } from './image-context.js';
export { MANIFEST_PATH } from './manifest.js';
export { type PlanOptions, plan } from './plan.js';
export { factoryRoot, loadTemplates } from './templates.js';
export type {
  CheckResult,
  GenerationPlan,
  Ownership,
  PlannedFile,
  TemplateFiles,
  WriteResult,
} from './types.js';
export { write } from './write.js';

/** Plan and write a project in one call (templates from this factory install). */
export async function generateProject(
  spec: ServerSpec,
  dir: string,
  options: PlanOptions = {},
): Promise<WriteResult> {
  return write(plan(spec, loadTemplates(), options), dir);
}
