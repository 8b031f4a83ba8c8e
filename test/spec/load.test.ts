import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FactoryError } from '../../src/errors.js';
import { formatDiagnostics, loadSpec } from '../../src/spec/index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mcp-load-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadSpec', () => {
  it.each([
    ['a missing file', () => join(dir, 'missing.yaml'), /no such file/],
    ['a directory', () => dir, /EISDIR|illegal operation on a directory/],
  ])('throws INPUT_UNREADABLE for %s', async (_, path, message) => {
    const error = await loadSpec(path()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FactoryError);
    expect((error as FactoryError).code).toBe('INPUT_UNREADABLE');
    expect((error as FactoryError).message).toMatch(message);
  });

  it('reads and parses a file; an empty file is a diagnostic, not an exception', async () => {
    const file = join(dir, 'empty.yaml');
    await writeFile(file, '');
    const result = await loadSpec(file);
    expect(result.errors.map((e) => e.rule)).toEqual(['empty-input']);
  });
});

describe('formatDiagnostics', () => {
  it('prints errors before warnings, each with its hint, then a summary', () => {
    const text = formatDiagnostics(
      {
        warnings: [
          {
            severity: 'warning',
            rule: 'w',
            path: 'auth',
            line: 2,
            column: 1,
            message: 'has no effect',
            hint: 'remove it',
          },
        ],
        errors: [
          { severity: 'error', rule: 'e', path: 'tools[0].name', line: 9, column: 11, message: 'bad name' },
        ],
      },
      'spec.yaml',
    );
    expect(text).toBe(
      [
        'spec.yaml:9:11: error: bad name [tools[0].name]',
        'spec.yaml:2:1: warning: has no effect [auth]',
        '  hint: remove it',
        'spec.yaml: invalid: 1 error, 1 warning',
      ].join('\n'),
    );
  });
});
