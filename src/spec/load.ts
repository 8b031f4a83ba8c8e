/** Reading a spec file from disk; the only I/O in spec/. */
import { readFile, stat } from 'node:fs/promises';
import { FactoryError } from '../errors.js';
import { MAX_SPEC_BYTES } from './limits.js';
import { type ParseResult, parseSpec, refuseForSize } from './parse.js';

export async function loadSpec(path: string): Promise<ParseResult> {
  let text: string;
  try {
    // A file over the limit is refused without reading it: a huge file must not fill memory first.
    const { size } = await stat(path);
    if (size > MAX_SPEC_BYTES) return refuseForSize(size);
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new FactoryError('INPUT_UNREADABLE', `cannot read spec ${path}: ${reason}`, {
      hint: 'check the path; specs are YAML or JSON files such as examples/notes.yaml',
      cause: error,
    });
  }
  return parseSpec(text, { file: path });
}
