/** Reading a spec file from disk; the only I/O in spec/. */
import { readFile } from 'node:fs/promises';
import { FactoryError } from '../errors.js';
import { type ParseResult, parseSpec } from './parse.js';

export async function loadSpec(path: string): Promise<ParseResult> {
  let text: string;
  try {
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
