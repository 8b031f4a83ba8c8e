/**
 * Which npm packages the copied runtime needs, read from its import statements, so package.json follows
 * the runtime without a second list to keep in sync:
 * - value imports (`import { x } from 'pkg'`) are needed at run time, always;
 * - `import type` only at compile time (the package or its `@types/…`);
 * - dynamic `import('pkg')` only when the spec uses the feature (see DRIVER_FEATURES in package-json.ts).
 */
export interface ImportUse {
  readonly value: ReadonlySet<string>;
  readonly typeOnly: ReadonlySet<string>;
  readonly dynamic: ReadonlySet<string>;
}

const STATIC_IMPORT = /^\s*(import|export)\s+(type\s+)?[^'";]*?\s+from\s+['"]([^'"]+)['"]/gm;
const SIDE_EFFECT_IMPORT = /^\s*import\s+['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

export function scanImports(sources: Iterable<string>): ImportUse {
  const value = new Set<string>();
  const typeOnly = new Set<string>();
  const dynamic = new Set<string>();
  for (const source of sources) {
    for (const match of source.matchAll(STATIC_IMPORT)) {
      const name = packageName(match[3]!);
      if (name) (match[2] ? typeOnly : value).add(name);
    }
    for (const match of source.matchAll(SIDE_EFFECT_IMPORT)) addPackage(value, match[1]!);
    for (const match of source.matchAll(DYNAMIC_IMPORT)) addPackage(dynamic, match[1]!);
  }
  for (const name of value) typeOnly.delete(name);
  return { value, typeOnly, dynamic };
}

function addPackage(set: Set<string>, specifier: string): void {
  const name = packageName(specifier);
  if (name) set.add(name);
}

/** `@scope/pkg/sub` → `@scope/pkg`, `pkg/sub` → `pkg`; relative paths and node builtins → undefined. */
export function packageName(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:'))
    return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}
