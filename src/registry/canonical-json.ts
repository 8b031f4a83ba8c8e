/**
 * Canonical JSON: object keys sorted at every level, no whitespace. Two specs that mean the same thing
 * serialize to the same bytes, so their sha256 (the spec hash) is equal however their keys were ordered.
 */
import { createHash } from 'node:crypto';

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const child = (value as Record<string, unknown>)[key];
    // JSON.stringify drops undefined members; drop them here too so { a: undefined } equals {}.
    if (child !== undefined) sorted[key] = sortKeys(child);
  }
  return sorted;
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)) ?? 'null';
}

/** sha256 (hex) of the canonical JSON of a spec: the identity of one version's content. */
export function specHash(spec: unknown): string {
  return createHash('sha256').update(canonicalJson(spec)).digest('hex');
}
