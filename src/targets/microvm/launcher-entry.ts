/**
 * How the supervisor runs the VM launcher (vm-launcher-main): from the compiled package, the `.js` file
 * next to this one; from TypeScript sources (tests, tsx), a bundle built once per version of the sources
 * into node_modules/.cache by local/node-entry.ts's `bundledEntries` (a TypeScript loader would add
 * ≈0.4 s to every start). The bundle takes in local/ and errors.ts too, so both are part of its version.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledEntries } from '../local/node-entry.js';

const dir = dirname(fileURLToPath(import.meta.url));
const command = bundledEntries({
  cacheName: 'mcp-factory-microvm',
  dir,
  entries: ['vm-launcher-main'],
  sources: [dir, join(dir, '..', 'local'), join(dir, '..', '..', 'errors.ts')],
});

export function launcherCommand(): Promise<string[]> {
  return command('vm-launcher-main');
}
