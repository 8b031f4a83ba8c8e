/** Shared set-up for registry tests: a fresh home directory per test and small version inputs. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach } from 'vitest';
import {
  openRegistry,
  type Registry,
  registryFile,
  type ToolInput,
  type VersionInput,
} from '../../src/registry/index.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export function tempHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'mcp-registry-test-'));
  cleanups.push(() => rmSync(home, { recursive: true, force: true }));
  return home;
}

export async function freshRegistry(home = tempHome()): Promise<{ registry: Registry; home: string }> {
  const registry = await openRegistry({ home });
  cleanups.push(() => registry.close());
  return { registry, home };
}

export function tool(name: string, description = '', implementation = 'sql'): ToolInput {
  return { name, description, parameters: { sku: { type: 'string', required: true } }, implementation };
}

export function version(name: string, semver: string, overrides: Partial<VersionInput> = {}): VersionInput {
  return {
    name,
    version: semver,
    description: `${name} server`,
    spec: { name, version: semver, tools: (overrides.tools ?? []).map((t) => t.name) },
    artifactDir: `/tmp/${name}`,
    tools: [tool('ping', 'Check the server answers')],
    ...overrides,
  };
}

/** A second, read-only connection for inspecting what is on disk (tests only; the product never does this). */
export function inspect(home: string): Database.Database {
  const db = new Database(registryFile(home), { readonly: true });
  cleanups.push(() => {
    db.close();
  });
  return db;
}

export function countRows(db: Database.Database, table: string): number {
  return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
