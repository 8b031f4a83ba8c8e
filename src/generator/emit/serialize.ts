/**
 * Serializers for the JSON and YAML files of a generated project. Outputs are built as objects and written by
 * these two functions, never concatenated, so no spec string can break their syntax.
 */
import { stringify } from 'yaml';

/** Pretty JSON with a trailing newline; key order is the order the object was built in. */
export function stableJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** YAML without line folding (long descriptions stay on one line, so diffs stay small). */
export function stableYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}
