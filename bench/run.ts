/**
 * Runs every `*.bench.ts` in this folder (or those whose name contains an argument):
 *   npm run bench                 all benches
 *   npm run bench -- spec-parse   only bench/spec-parse.bench.ts
 * Adding a bench: create bench/<name>.bench.ts with `export default defineBench({ … })`.
 * Exit code 1 when a case misses its target.
 */
import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Bench, formatTable, runBench } from './lib/measure.js';

const here = fileURLToPath(new URL('.', import.meta.url));
// Runs from source with tsx (.ts) or compiled into dist/bench (.js).
const suffix = import.meta.url.endsWith('.ts') ? '.bench.ts' : '.bench.js';

async function main(filters: readonly string[]): Promise<number> {
  const files = (await readdir(here))
    .filter((file) => file.endsWith(suffix))
    .filter((file) => filters.length === 0 || filters.some((f) => file.includes(f)))
    .sort();
  if (files.length === 0) {
    console.error(`no ${suffix} file matches ${filters.join(', ') || '(all)'} in ${here}`);
    return 2;
  }
  const missed: string[] = [];
  for (const file of files) {
    const bench = ((await import(pathToFileURL(`${here}${file}`).href)) as { default: Bench }).default;
    const result = await runBench(bench);
    console.log(`${formatTable(result)}\n`);
    missed.push(...result.missed);
  }
  for (const line of missed) console.error(`MISSED ${line}`);
  return missed.length > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
