/**
 * A real generated server packaged for the image-based targets (docker, microvm): `mcp-create` into a
 * throwaway home, then `prepareArtifact(..., { image: true })` — the same path `mcp-deploy` takes.
 * The default spec is examples/notes.yaml: SQLite, so the image must carry a real copy of better-sqlite3.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openRegistry } from '../../src/registry/index.js';
import { prepareArtifact } from '../../src/services/artifact.js';
import type { Artifact } from '../../src/targets/target.js';
import { cli } from './run-cli.js';

export interface ImageArtifact {
  readonly artifact: Artifact;
  /** The throwaway data directory (MCP_FACTORY_HOME) the server was created in. */
  readonly home: string;
  cleanup(): void;
}

export async function imageArtifact(spec = 'examples/notes.yaml'): Promise<ImageArtifact> {
  const work = mkdtempSync(join(tmpdir(), 'mcpf-image-'));
  const home = join(work, 'home');
  const created = await cli(['create', '--spec', resolve(spec), '--out', 'project', '--json'], {
    cwd: work,
    env: { ...process.env, MCP_FACTORY_HOME: home },
  });
  if (created.code !== 0) throw new Error(`mcp-create failed:\n${created.stderr}`);
  const { name } = created.json<{ catalog: { name: string } }>().catalog;
  const registry = await openRegistry({ home });
  try {
    const version = await registry.getVersion(name);
    const { artifact } = await prepareArtifact(version, home, { image: true });
    return { artifact, home, cleanup: () => rmSync(work, { recursive: true, force: true }) };
  } finally {
    await registry.close();
  }
}
