/**
 * Generating examples/inventory.yaml: parse + validate, plan (pure) and write a complete project to a new
 * folder. Target: the whole generation under 200 ms (median). `yaml.parse` of the same text is the
 * reference row, so a slow machine shows up as a slow baseline rather than a slow generator.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { generateProject, loadTemplates, plan } from '../src/generator/index.js';
import { parseSpec } from '../src/spec/index.js';
import { parseValidSpec } from '../test/verification/lib/generated-server.js';
import { repoRoot } from '../test/verification/lib/repo-root.js';
import { defineBench } from './lib/measure.js';

export const GENERATE_TARGET_MS = 200;
const SPEC = 'examples/inventory.yaml';

export default defineBench({
  name: 'generate',
  description: `${SPEC} → complete project on disk; target median < ${GENERATE_TARGET_MS} ms`,
  iterations: 20,
  warmup: 3,
  setup: () => {
    const text = readFileSync(join(repoRoot(), SPEC), 'utf8');
    const spec = parseValidSpec(text, SPEC);
    const templates = loadTemplates();
    const parent = mkdtempSync(join(tmpdir(), 'mcp-bench-generate-'));
    process.once('exit', () => rmSync(parent, { recursive: true, force: true }));
    let count = 0;
    return [
      { name: 'yaml.parse (reference)', baseline: true, fn: () => parse(text) },
      { name: 'parseSpec (validate + normalize)', fn: () => parseSpec(text, { file: SPEC }) },
      { name: 'plan (pure, templates loaded)', fn: () => plan(spec, templates) },
      {
        name: 'generate: parse + plan + write',
        targetMedianMs: GENERATE_TARGET_MS,
        fn: async () => {
          count += 1;
          const parsed = parseValidSpec(text, SPEC);
          await generateProject(parsed, join(parent, `run-${count}`));
        },
      },
    ];
  },
});
