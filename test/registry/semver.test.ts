import { describe, expect, it } from 'vitest';
import { compareSemver, isSemver } from '../../src/registry/index.js';

describe('compareSemver', () => {
  // Each row: a < b.
  const ascending: [string, string][] = [
    ['1.0.0', '2.0.0'],
    ['1.9.0', '1.10.0'],
    ['1.0.9', '1.0.10'],
    ['1.0.0-alpha', '1.0.0'],
    ['1.0.0-alpha', '1.0.0-alpha.1'],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta'],
    ['1.0.0-beta.2', '1.0.0-beta.11'],
    ['1.0.0-rc.1', '1.0.0'],
    ['0.9.99', '1.0.0-0'],
  ];
  it.each(ascending)('%s < %s', (a, b) => {
    expect(compareSemver(a, b)).toBeLessThan(0);
    expect(compareSemver(b, a)).toBeGreaterThan(0);
  });
  it('ignores build metadata', () => {
    expect(compareSemver('1.0.0+build.1', '1.0.0+build.2')).toBe(0);
  });
});

describe('isSemver', () => {
  it.each(['1.0.0', '0.0.1', '10.20.30', '1.0.0-rc.1', '1.0.0+20130313144700'])('accepts %s', (v) => {
    expect(isSemver(v)).toBe(true);
  });
  it.each(['1', '1.0', 'v1.0.0', '01.0.0', '1.0.0-', 'latest', '^1.0.0', ''])('rejects %s', (v) => {
    expect(isSemver(v)).toBe(false);
  });
});
