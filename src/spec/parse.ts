/**
 * parseSpec: text in, `{ spec, errors, warnings }` out, never throwing for bad input. Three steps —
 * structure (zod), normalize (every default explicit), named rules — and every problem found is reported at
 * once, each with a path and a line:column in the source.
 */
import { type Diagnostic, type Finding, sortDiagnostics } from './diagnostics.js';
import { normalize } from './normalize.js';
import { formatPath } from './path.js';
import { INPUT_RULES, SPEC_RULES } from './rules/index.js';
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
  const diagnostics = sortDiagnostics(dedupe(found).map((finding) => toDiagnostic(finding, source)));
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.filter((d) => d.severity === 'warning');
  return { spec: errors.length === 0 ? spec : undefined, errors, warnings };
}

function toDiagnostic(finding: Finding, source: SpecSource): Diagnostic {
  const position =
    finding.offset === undefined
      ? source.locate(finding.path, finding.at)
      : offsetPosition(source.text, finding.offset);
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

function offsetPosition(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
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
