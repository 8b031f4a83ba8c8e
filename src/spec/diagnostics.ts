/**
 * Diagnostics: what parsing reports about a spec. Every problem carries where it is (a path and a
 * 1-based line:column in the source), what is wrong, and — where it helps — what to do about it.
 */
import type { SpecPath } from './path.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly severity: Severity;
  /** Stable name of the check that produced it (`unknown-tool`, `yaml-syntax`, `structure`, …). */
  readonly rule: string;
  /** Dotted path into the spec, e.g. `tools[0].parameters.query.type`; `(root)` for the whole document. */
  readonly path: string;
  /** 1-based line and column in the source text. */
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly hint?: string | undefined;
}

/** A diagnostic before its position in the source is known (what rules and the structure step return). */
export interface Finding {
  readonly severity: Severity;
  readonly rule: string;
  readonly path: SpecPath;
  readonly message: string;
  readonly hint?: string | undefined;
  /** Point at the key of the last path segment instead of its value (unknown or duplicate keys). */
  readonly at?: 'key' | 'value';
  /** Source offset, when the finding comes from the YAML text itself rather than from a path. */
  readonly offset?: number;
}

export function formatDiagnostic(diagnostic: Diagnostic, file: string): string {
  const head = `${file}:${diagnostic.line}:${diagnostic.column}: ${diagnostic.severity}: ${diagnostic.message}`;
  const where = diagnostic.path === '(root)' ? '' : ` [${diagnostic.path}]`;
  return diagnostic.hint ? `${head}${where}\n  hint: ${diagnostic.hint}` : `${head}${where}`;
}

/** Errors first, then warnings, each in source order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.line - b.line ||
      a.column - b.column,
  );
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A user string quoted in a message, cut to a readable length (a key may be a megabyte long). */
export function shorten(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
