/**
 * One-line values (paths, names, hosts, URIs, env var defaults, queue names…) cannot hold control characters:
 * generated files put them on a line of their own (`.env.example`, YAML, README tables), and a line break there
 * starts a new line an attacker writes (a newline in a sqlite `defaultPath` became `NODE_OPTIONS=--require …`).
 * Free text (descriptions, titles, resource and prompt text, SQL, GraphQL, data values) may hold anything; each
 * generated format escapes it. Header values are checked by the http-header rule, with Node's own check.
 */
import { CONTROL_CHARACTER } from '../names.js';
import type { PathSegment } from '../path.js';
import { findings, type SpecRule } from './rule.js';

/** Keys whose string values are free text, where line breaks are legitimate. */
const TEXT_KEYS = new Set(['description', 'title', 'text', 'statement', 'document', 'pattern']);

/** Keys whose whole value is data or SQL (any string inside may hold anything); headers: http-header rule. */
const DATA_KEYS = new Set(['default', 'enum', 'examples', 'const', 'value', 'init', 'headers']);

/**
 * A resource's `name` is display text (clients show it; the generated server serves it byte for byte), unlike
 * the identifier names elsewhere, which their own patterns already restrict.
 */
function isFreeText(path: readonly PathSegment[], key: string): boolean {
  return TEXT_KEYS.has(key) || (key === 'name' && path.length === 2 && path[0] === 'resources');
}

type Report = ReturnType<typeof findings>;

function describeCharacter(text: string): string {
  const index = text.search(CONTROL_CHARACTER);
  const code = text.charCodeAt(index).toString(16).toUpperCase().padStart(4, '0');
  return `U+${code} at character ${index + 1}`;
}

function scan(report: Report, value: unknown, path: PathSegment[]): void {
  if (typeof value === 'string') {
    if (CONTROL_CHARACTER.test(value)) {
      report.error(
        path,
        `this one-line value contains a control character (${describeCharacter(value)})`,
        'remove it: paths, names, URIs and other one-line values are written on lines of generated files',
      );
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      scan(report, item, [...path, i]);
    });
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    if (CONTROL_CHARACTER.test(key)) {
      report.error(
        [...path, key],
        `this key contains a control character (${describeCharacter(key)})`,
        'rename it',
        'key',
      );
    }
    if (DATA_KEYS.has(key) || (typeof child === 'string' && isFreeText(path, key))) continue;
    scan(report, child, [...path, key]);
  }
}

export const controlCharacters: SpecRule = {
  name: 'control-character',
  check({ spec }) {
    const report = findings('control-character');
    scan(report, spec, []);
    return report.list;
  },
};
