/**
 * `.mcp-factory/manifest.json`: which files of a project the generator wrote, who owns them and their hash.
 * It is how `write` recognises its own project (and refuses any other folder), and how it knows which
 * generated files to delete when they leave the plan. Deterministic: sorted paths, no timestamps.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FactoryError } from '../errors.js';
import type { GenerationPlan, Ownership } from './types.js';

export const MANIFEST_PATH = '.mcp-factory/manifest.json';
const FORMAT = 'mcp-factory/generated-project@1';

export interface ManifestEntry {
  readonly ownership: Ownership;
  readonly sha256: string;
}

export interface Manifest {
  readonly format: typeof FORMAT;
  readonly name: string;
  readonly files: Readonly<Record<string, ManifestEntry>>;
}

export function sha256(content: string): string {
  return createHash('sha256').update(content, 'utf8').digest('hex');
}

export function manifestFor(plan: GenerationPlan): Manifest {
  const files: Record<string, ManifestEntry> = {};
  for (const file of plan.files)
    files[file.path] = { ownership: file.ownership, sha256: sha256(file.content) };
  return { format: FORMAT, name: plan.name, files };
}

export function serializeManifest(manifest: Manifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The manifest of `dir`, or undefined when there is none (not a generated project). */
export async function readManifest(dir: string): Promise<Manifest | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, MANIFEST_PATH), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new FactoryError('INPUT_UNREADABLE', `cannot read ${join(dir, MANIFEST_PATH)}`, { cause: error });
  }
  return parseManifest(text, join(dir, MANIFEST_PATH));
}

function parseManifest(text: string, where: string): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const candidate = value as Partial<Manifest> | undefined;
  if (
    candidate?.format !== FORMAT ||
    typeof candidate.name !== 'string' ||
    typeof candidate.files !== 'object'
  ) {
    throw new FactoryError('OUTPUT_CONFLICT', `${where} is not an mcp-factory manifest`, {
      hint: 'restore it from version control, or generate into a new folder',
    });
  }
  return candidate as Manifest;
}
