/**
 * Checks on what callers hand the registry, shared by every implementation. A bad value is the caller's
 * input (SPEC_INVALID with the field), never a database error.
 */
import { FactoryError } from '../errors.js';
import { isSafeName, NAME_PATTERNS } from '../spec/names.js';
import { DEPENDENCY_KINDS, DEPLOYMENT_STATES, TEST_OUTCOMES, type VersionInput } from './records.js';
import { isSemver } from './semver.js';

function invalid(field: string, message: string, hint?: string): FactoryError {
  return new FactoryError('SPEC_INVALID', `${field}: ${message}`, {
    details: [{ path: field, message }],
    ...(hint === undefined ? {} : { hint }),
  });
}

export function checkServerName(name: string, field = 'name'): void {
  if (!isSafeName('server', name)) throw invalid(field, `"${name}" ${NAME_PATTERNS.server.message}`);
}

export function checkVersion(version: string, field = 'version'): void {
  if (!isSemver(version)) {
    throw invalid(
      field,
      `"${version}" is not a semantic version`,
      'use MAJOR.MINOR.PATCH, e.g. 1.0.0 or 2.1.0-beta.1',
    );
  }
}

export function checkVersionInput(input: VersionInput): void {
  checkServerName(input.name);
  checkVersion(input.version);
  const seen = new Set<string>();
  input.tools.forEach((tool, index) => {
    if (tool.name.length === 0) throw invalid(`tools[${index}].name`, 'must not be empty');
    if (seen.has(tool.name)) throw invalid(`tools[${index}].name`, `duplicate tool name "${tool.name}"`);
    seen.add(tool.name);
  });
  input.dependencies?.forEach((dependency, index) => {
    if (!DEPENDENCY_KINDS.includes(dependency.kind)) {
      throw invalid(`dependencies[${index}].kind`, `must be one of ${DEPENDENCY_KINDS.join(', ')}`);
    }
  });
}

export function checkState(state: string, field = 'state'): void {
  if (!(DEPLOYMENT_STATES as readonly string[]).includes(state)) {
    throw invalid(field, `"${state}" is not a deployment state (${DEPLOYMENT_STATES.join(', ')})`);
  }
}

export function checkOutcome(outcome: string, field: string): void {
  if (!(TEST_OUTCOMES as readonly string[]).includes(outcome)) {
    throw invalid(field, `"${outcome}" is not a test outcome (${TEST_OUTCOMES.join(', ')})`);
  }
}

export function checkCount(value: number, field: string): void {
  if (!Number.isFinite(value) || value < 0) throw invalid(field, `must be a number ≥ 0, got ${value}`);
}

// `env` maps hold values such as DATABASE_URL=postgres://user:password@…, so they go as a whole.
const CREDENTIAL_KEY =
  /secret|password|passwd|token|api[-_]?key|credential|private[-_]?key|authorization|cookie|^env$|^environment$/i;
// The password part of a URL: scheme://user:PASSWORD@host.
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]*:)[^@\s/]+@/gi;

/** A password inside a URL in free text (an error message, a log line) is replaced by "[redacted]". */
export function redactText(text: string): string {
  return text.replace(URL_PASSWORD, '$1[redacted]@');
}

/**
 * Free-form values (deployment options, event details) are stored without credentials: values under
 * keys that look like credentials become "[redacted]", and so do passwords inside URLs.
 */
export function redactCredentials(value: unknown): unknown {
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map(redactCredentials);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) => [
      key,
      CREDENTIAL_KEY.test(key) ? '[redacted]' : redactCredentials(child),
    ]),
  );
}

export function redactOptions(options: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return redactCredentials(options) as Record<string, unknown>;
}
