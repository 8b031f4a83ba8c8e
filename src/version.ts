/** The factory's own version: the one in its package.json, read once. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { factoryRoot } from './generator/templates.js';

let version: string | undefined;

export function factoryVersion(): string {
  version ??= (JSON.parse(readFileSync(join(factoryRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
  return version;
}
