/**
 * Size checks that hold on every parse path (clean JSON, clean YAML, positioned YAML): the text itself, and
 * the value once aliases are expanded, so a small file cannot stand for a huge spec.
 */
import type { Finding } from './diagnostics.js';
import { MAX_EXPANDED_BYTES, MAX_SPEC_BYTES } from './limits.js';
import type { PathSegment } from './path.js';

const MIB = 1024 * 1024;

/** A finding when the text is larger than MAX_SPEC_BYTES (checked before any parser sees it). */
export function textSizeFinding(bytes: number): Finding | undefined {
  return bytes > MAX_SPEC_BYTES ? tooLargeFinding(bytes) : undefined;
}

export function tooLargeFinding(bytes: number): Finding {
  return {
    severity: 'error',
    rule: 'spec-too-large',
    path: [],
    offset: 0,
    message: `the spec is ${(bytes / MIB).toFixed(1)} MiB; the limit is ${MAX_SPEC_BYTES / MIB} MiB`,
    hint: 'split it into several servers, or move long texts (descriptions, SQL) out of the spec',
  };
}

interface Visit {
  readonly value: unknown;
  readonly segment: PathSegment | undefined;
  readonly parent: Visit | undefined;
}

/**
 * A finding when the value, with every alias expanded, is larger than MAX_EXPANDED_BYTES: string and key
 * lengths plus one per value. Stops as soon as the limit is crossed, so it costs at most that much.
 */
export function expandedSizeFinding(root: unknown): Finding | undefined {
  let total = 0;
  const stack: Visit[] = [{ value: root, segment: undefined, parent: undefined }];
  while (stack.length > 0) {
    const visit = stack.pop()!;
    total += 1 + (typeof visit.value === 'string' ? visit.value.length : 0);
    if (total > MAX_EXPANDED_BYTES) return expandedFinding(pathOf(visit));
    if (typeof visit.value !== 'object' || visit.value === null) continue;
    for (const [key, value] of Object.entries(visit.value)) {
      total += Array.isArray(visit.value) ? 0 : key.length;
      const segment = Array.isArray(visit.value) ? Number(key) : key;
      stack.push({ value, segment, parent: visit });
    }
  }
  return undefined;
}

function pathOf(visit: Visit): PathSegment[] {
  const path: PathSegment[] = [];
  for (let at: Visit | undefined = visit; at?.segment !== undefined; at = at.parent) path.push(at.segment);
  return path.reverse();
}

function expandedFinding(path: PathSegment[]): Finding {
  return {
    severity: 'error',
    rule: 'expanded-too-large',
    path,
    message: `the spec expands to more than ${MAX_EXPANDED_BYTES / MIB} MiB once its YAML aliases are resolved (the limit); it crosses the limit here`,
    hint: 'write repeated text once, or reference it fewer times with `*alias`',
  };
}
