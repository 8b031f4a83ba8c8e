/**
 * A rule is one named semantic check. Spec rules see the normalized spec and the raw input (to tell what
 * the author wrote from what a default filled in); input rules see only the raw value and run even when the
 * structure is invalid (secrets, for example, must be reported whatever else is wrong).
 */
import type { Finding, Severity } from '../diagnostics.js';
import type { SpecPath } from '../path.js';
import type { ServerSpec } from '../types.js';

export interface RuleContext {
  /** The normalized spec. */
  readonly spec: ServerSpec;
  /** The value as written (after YAML/JSON parsing, before defaults). */
  readonly raw: unknown;
}

export interface SpecRule {
  readonly name: string;
  readonly check: (context: RuleContext) => Finding[];
}

export interface InputRule {
  readonly name: string;
  readonly check: (raw: unknown) => Finding[];
}

/** A small builder so each rule reads as a list of `report(path, message, hint)` calls. */
export function findings(rule: string) {
  const list: Finding[] = [];
  const add =
    (severity: Severity) => (path: SpecPath, message: string, hint?: string, at?: 'key' | 'value') => {
      list.push({ severity, rule, path, message, hint, at });
    };
  return { list, error: add('error'), warning: add('warning') };
}
