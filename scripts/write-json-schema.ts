/**
 * Writes schema/mcp-spec.schema.json from the zod spec schema (`npm run schema`).
 * `--check` writes nothing and exits 1 when the committed file is stale.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { JSON_SCHEMA_PATH, jsonSchemaText } from '../src/spec/json-schema.js';

const target = fileURLToPath(new URL(`../${JSON_SCHEMA_PATH}`, import.meta.url));
const text = jsonSchemaText();

if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => '');
  if (current !== text) {
    console.error(`${JSON_SCHEMA_PATH} is stale: run npm run schema`);
    process.exitCode = 1;
  } else console.log(`${JSON_SCHEMA_PATH} is up to date`);
} else {
  await writeFile(target, text);
  console.log(`wrote ${JSON_SCHEMA_PATH}`);
}
