/**
 * A digest of an image's inputs (every file of the build context, the Dockerfile name, the base image's
 * id): stored as a label so a redeploy of an unchanged version reuses the image instead of rebuilding it.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function contextDigest(contextDir: string, extra: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of extra) hash.update(`${part}\0`);
  for (const file of filesUnder(contextDir)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(contextDir, file)));
  }
  return hash.digest('hex');
}

function filesUnder(root: string, prefix = ''): string[] {
  const files: string[] = [];
  const entries = readdirSync(join(root, prefix), { withFileTypes: true });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...filesUnder(root, relative));
    else files.push(relative);
  }
  return files;
}
