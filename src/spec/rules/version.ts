/** The server version must be semver: it becomes the npm version, the image tag and the registry key. */
import { findings, type SpecRule } from './rule.js';

// From semver.org (numeric parts without leading zeros, optional pre-release and build metadata).
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

export function isSemver(version: string): boolean {
  return SEMVER.test(version);
}

function suggestion(version: string): string {
  const parts = version.replace(/^v/i, '').split('.');
  if (parts.length <= 3 && parts.every((p) => /^\d+$/.test(p))) {
    const fixed = [...parts, '0', '0'].slice(0, 3).map((p) => String(Number(p)));
    return `did you mean \`${fixed.join('.')}\`?`;
  }
  return 'use MAJOR.MINOR.PATCH, e.g. 1.0.0';
}

export const semverVersion: SpecRule = {
  name: 'semver-version',
  check({ spec }) {
    const report = findings('semver-version');
    if (!isSemver(spec.version)) {
      report.error(
        ['version'],
        `version ${JSON.stringify(spec.version)} is not a semantic version`,
        suggestion(spec.version),
      );
    }
    return report.list;
  },
};
