/**
 * Secrets never belong in a spec: specs are committed, copied into generated projects and stored in the
 * registry. Runs on the raw input (so it reports even when the structure is invalid) and never repeats the
 * secret in its message.
 */
import type { Finding } from '../diagnostics.js';
import type { PathSegment } from '../path.js';
import type { InputRule } from './rule.js';

/**
 * Each pattern must stay linear on any text (descriptions may be megabytes): a pattern whose leading run
 * (`[a-z0-9+.-]*` before `://`, `[A-Za-z0-9_-]{8,}` before `.`) can fail late starts only where that run
 * starts (the lookbehind), so it is tried once per run instead of once per character of it; `\b` there made
 * a 256 KB description of `a.` take a minute.
 */
export const SECRET_PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/, 'a PEM private key'],
  [/(?<![a-z0-9+.-])[a-z][a-z0-9+.-]*:\/\/[^\s/:@]*:[^\s/@]+@/i, 'a URL with a password'],
  [/\bsk-(?:ant-|proj-|live_|test_)?[A-Za-z0-9_-]{20,}/, 'an API secret key (sk-…)'],
  [/\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}|\bgithub_pat_[A-Za-z0-9_]{30,}/, 'a GitHub token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, 'a JWT'],
];

/** Keys whose string value is a credential by its name (compared without case, "_" or "-"). */
const SECRET_KEY = /(?:password|passwd|secret|token|apikey|privatekey|accesskey|credentials?|authorization)$/;

/** Keys whose value is documentation or a reference to an env var, not a value. */
const SAFE_KEYS = new Set(['description', 'title', 'envvar', 'from', 'text']);

/** `${NAME}` or `$NAME`: a reference, not a value (and not something the factory interpolates). */
const ENV_REFERENCE = /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/;

function secretKind(key: string | undefined, value: string): string | undefined {
  for (const [pattern, kind] of SECRET_PATTERNS) if (pattern.test(value)) return kind;
  const flat = key?.toLowerCase().replace(/[-_]/g, '');
  if (!flat || SAFE_KEYS.has(flat) || !SECRET_KEY.test(flat)) return undefined;
  return value.trim() === '' || ENV_REFERENCE.test(value.trim()) ? undefined : `a literal \`${key}\``;
}

/** The name a string value is known by: its key, or for `value:`/`default:` the key that holds them. */
function nameOf(path: readonly PathSegment[]): string | undefined {
  const key = path.at(-1);
  if (typeof key !== 'string') return undefined;
  const owner = path.at(-2);
  return (key === 'value' || key === 'default') && typeof owner === 'string' ? owner : key;
}

function scan(value: unknown, path: PathSegment[], out: Finding[]): void {
  if (typeof value === 'string') {
    const kind = secretKind(nameOf(path), value);
    if (kind) out.push(secretFinding(path, kind));
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      scan(item, [...path, i], out);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) scan(item, [...path, key], out);
  }
}

function secretFinding(path: PathSegment[], kind: string): Finding {
  return {
    severity: 'error',
    rule: 'secret-literal',
    path,
    message: `this value looks like ${kind}; secrets must not be written in a spec`,
    hint: 'move it to an environment variable and reference it with `envVar` (e.g. an http connection `auth: { type: bearer, envVar: API_TOKEN }`)',
  };
}

export const secretLiterals: InputRule = {
  name: 'secret-literal',
  check(raw) {
    const out: Finding[] = [];
    scan(raw, [], out);
    return out;
  },
};
