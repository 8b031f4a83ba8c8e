/** A deployment's target-specific facts (container, image, accelerator, boot, …), one `key: value` per line. */
import type { DeploymentInfo } from '../../targets/index.js';

export function detailLines(info: DeploymentInfo, indent = '  '): string[] {
  return Object.entries(info.details ?? {}).map(([key, value]) => `${indent}${key}: ${String(value)}`);
}
