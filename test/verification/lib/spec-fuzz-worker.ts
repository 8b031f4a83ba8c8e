/** Worker side of the spec fuzz (spec-fuzz.ts): builds and judges one mutant per message, in this thread. */
import { parentPort } from 'node:worker_threads';
import { loadTemplates } from '../../../src/generator/templates.js';
import { repoRoot } from './repo-root.js';
import { mutant } from './spec-mutants.js';
import { judge } from './spec-oracle.js';

const templates = loadTemplates(repoRoot());
parentPort?.on('message', ({ seed, index, large }: { seed: number; index: number; large: number }) => {
  const start = performance.now();
  const { kind, text } = mutant(seed, index, large);
  const verdict = judge(text, templates);
  parentPort?.postMessage({ index, kind, bytes: text.length, ms: performance.now() - start, ...verdict });
});
parentPort?.postMessage('ready');
