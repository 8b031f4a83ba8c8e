/**
 * Golden files: every generated file of every valid example (and a hostile spec) compared with the stored
 * copy under test/golden/<example>/. The copied runtime (src/lib, test/lib, src/triggers) is not stored again: it must
 * equal the template plus our marker. `vitest -u` rewrites the goldens after an intended change.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { GENERATED_MARKER } from '../../src/generator/header.js';
import { plan } from '../../src/generator/plan.js';
import { goldenSpecs, ROOT, specFile, TEMPLATES } from './helpers.js';

const COPIED = /^(src\/lib|test\/lib|src\/triggers)\//;

/**
 * TypeScript goldens are stored as `<file>.ts.golden`: as `.ts` the factory's own tsc and vitest would
 * pick them up (they import the runtime, which is not stored here). They are type-checked instead as
 * the written project in typecheck.test.ts.
 */
function goldenName(file: string): string {
  return file.endsWith('.ts') ? `${file}.golden` : file;
}

describe.each(goldenSpecs())('golden: $name', ({ name, path }) => {
  const generated = plan(specFile(path), TEMPLATES);

  test.each(generated.files.filter((f) => !COPIED.test(f.path)).map((f) => [f.path, f.content] as const))(
    '%s',
    async (file, content) => {
      await expect(content).toMatchFileSnapshot(join(ROOT, 'test', 'golden', name, goldenName(file)));
    },
  );

  test('the runtime is copied verbatim below the marker', () => {
    const copies = generated.files.filter((f) => COPIED.test(f.path));
    const triggers = specFile(path).triggers.length > 0 ? Object.keys(TEMPLATES.triggers) : [];
    const expected = [
      ...Object.keys(TEMPLATES.lib).map((p) => `src/lib/${p}`),
      ...Object.keys(TEMPLATES.testing).map((p) => `test/lib/${p}`),
      ...triggers.map((p) => `src/triggers/${p}`),
    ].sort();
    expect(copies.map((f) => f.path)).toEqual(expected);
    for (const copy of copies) {
      const source = copy.path
        .replace(/^src\/lib\//, 'templates/server/lib/')
        .replace(/^test\/lib\//, 'templates/server/testing/')
        .replace(/^src\/triggers\//, 'templates/server/triggers/');
      expect(copy.content).toBe(`// ${GENERATED_MARKER}\n${readFileSync(join(ROOT, source), 'utf8')}`);
    }
  });
});
