import type { ServerSpec } from '../../spec/types.js';
import type { ToolNames } from '../tool-names.js';
export function toolsTestFile(_spec: ServerSpec, _names: readonly ToolNames[]): string {
  return '';
}
