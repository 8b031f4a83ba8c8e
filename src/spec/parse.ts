/**
 * parseSpec: text in, `{ spec, errors, warnings }` out, never throwing for bad input. Three steps —
 * structure (zod), normalize (every default explicit), named rules — and every problem found is reported at
 * once, each with a path and a line:column in the source.
 */
import { type Diagnostic, type Finding, sortDiagnostics } from './diagnostics.js';
import { normalize } from './normalize.js';
import { formatPath } from './path.js';
import { INPUT_RULES, SPEC_RULES } from './rules/index.js';
import { tooLargeFinding } from './size.js';
import { readSource, type SpecSource } from './source.js';
import { checkStructure } from './structure.js';
import type { ServerSpec } from './types.js';

export interface ParseOptions {
  /** The file name, used only for messages. */
  readonly file?: string;
}

export interface ParseResult {
  /** The normalized spec; undefined when there is any error. */
  readonly spec: ServerSpec | undefined;
  readonly errors: Diagnostic[];
  readonly warnings: Diagnostic[];
}

export function parseSpec(text: string, _options: ParseOptions = {}): ParseResult {
  const source = readSource(text);
  const found: Finding[] = [...source.findings];
  let spec: ServerSpec | undefined;
  if (!source.unusable) {
    for (const rule of INPUT_RULES) found.push(...rule.check(source.value));
    const structure = checkStructure(source.value);
    found.push(...structure.findings);
    const checkable = structure.spec ?? structure.withoutUnknownKeys;
    if (checkable) {
      const normalized = normalize(checkable);
      for (const rule of SPEC_RULES) found.push(...rule.check({ spec: normalized, raw: source.value }));
      if (structure.spec) spec = normalized;
    }
  }
  let starts: number[] | undefined;
  const lineStarts = () => {
    starts ??= lineStartsOf(text);
    return starts;
  };
  const diagnostics = sortDiagnostics(
    dedupe(found).map((finding) => toDiagnostic(finding, source, lineStarts)),
  );
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  return { spec: errors.length === 0 ? spec : undefined, errors, warnings };
}

/** The result for a spec file too large to read (see MAX_SPEC_BYTES). */
export function refuseForSize(bytes: number): ParseResult {
  const finding = tooLargeFinding(bytes);
  return { spec: undefined, errors: [toDiagnostic(finding, readSource(''), () => [0])], warnings: [] };
}

function toDiagnostic(finding: Finding, source: SpecSource, lineStarts: () => number[]): Diagnostic {
  const position =
    finding.offset === undefined
      ? source.locate(finding.path, finding.at)
      : offsetPosition(lineStarts(), finding.offset);
  return {
    severity: finding.severity,
    rule: finding.rule,
    path: formatPath(finding.path),
    line: position.line,
    column: position.column,
    message: finding.message,
    ...(finding.hint === undefined ? {} : { hint: finding.hint }),
  };
}

/** Offsets where each line starts, found once for all findings (a search per finding made this quadratic). */
function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of `offset`, by binary search over the line starts. */
function offsetPosition(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

/** The same problem found twice (e.g. by a YAML check and the schema) is reported once. */
function dedupe(found: Finding[]): Finding[] {
  const seen = new Set<string>();
  return found.filter((finding) => {
    const key = `${finding.rule}|${formatPath(finding.path)}|${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
