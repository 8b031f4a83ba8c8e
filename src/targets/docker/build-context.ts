/** The build context as the tar stream the engine's build endpoint takes (the folder, nothing outside it). */
import type { Readable } from 'node:stream';
import { pack } from 'tar-fs';

export function packContext(contextDir: string): Readable {
  return pack(contextDir) as unknown as Readable;
}
