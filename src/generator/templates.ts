/**
 * Loading the runtime files every generated server carries (templates/server/lib → src/lib,
 * templates/server/testing → test/lib) and the factory's dependency versions. This is I/O, done once before
 * planning so `plan` stays pure.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FactoryError } from '../errors.js';
import type { TemplateFiles } from './types.js';

/** The factory's own folder (holds package.json, templates/ and node_modules/), from src/ or dist/src/. */
export function factoryRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && readJson(manifest).name === 'mcp-factory') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new FactoryError('INTERNAL', 'cannot find the mcp-factory package folder');
    dir = parent;
  }
}

export function loadTemplates(root: string = factoryRoot()): TemplateFiles {
  const server = join(root, 'templates', 'server');
  const manifest = readJson(join(root, 'package.json'));
  return {
    lib: readTree(join(server, 'lib')),
    testing: readTree(join(server, 'testing')),
    // Its testing/ folder is the trigger tests' own support (brokers, a child consumer), not runtime.
    triggers: readTree(join(server, 'triggers'), ['testing/']),
    versions: { ...asRecord(manifest.devDependencies), ...asRecord(manifest.dependencies) },
  };
}

/** Every runtime source file under `dir` (the runtime's own unit tests stay in the factory). */
function readTree(dir: string, skip: readonly string[] = []): Record<string, string> {
  if (!existsSync(dir)) throw new FactoryError('INTERNAL', `runtime template folder is missing: ${dir}`);
  const files: Record<string, string> = {};
  const paths = (readdirSync(dir, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts'))
    .sort();
  for (const path of paths) {
    const name = relative(dir, path).split(sep).join('/');
    if (!skip.some((prefix) => name.startsWith(prefix))) files[name] = readFileSync(path, 'utf8');
  }
  return files;
}

function readJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

function asRecord(value: unknown): Record<string, string> {
  return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {};
}
