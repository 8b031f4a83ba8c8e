/** Compiler-style rendering of a parse result: `file:line:col: error: message`, hints, then a summary. */
import { formatDiagnostic, plural, sortDiagnostics } from './diagnostics.js';
import type { ParseResult } from './parse.js';

export function formatDiagnostics(result: Pick<ParseResult, 'errors' | 'warnings'>, file: string): string {
  const lines = sortDiagnostics([...result.errors, ...result.warnings]).map((d) => formatDiagnostic(d, file));
  lines.push(summaryLine(result, file));
  return lines.join('\n');
}

export function summaryLine(result: Pick<ParseResult, 'errors' | 'warnings'>, file: string): string {
  const warnings = result.warnings.length > 0 ? `, ${plural(result.warnings.length, 'warning')}` : '';
  if (result.errors.length === 0) return `${file}: valid${warnings}`;
  return `${file}: invalid: ${plural(result.errors.length, 'error')}${warnings}`;
}
