/**
 * Export a catalogued server as an official MCP registry `server.json`, and import one to catalogue an
 * external server (its remote URL or package) so it can be listed, searched and tested like our own.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { FactoryError } from '../errors.js';
import type { RecordResult, ServerJson } from '../registry/index.js';
import type { FactoryContext } from './factory-context.js';

export interface ExportOptions {
  readonly version?: string | undefined;
  readonly namespace?: string | undefined;
  /** Write it here; otherwise it is only returned. */
  readonly file?: string | undefined;
}

export async function exportServer(
  context: FactoryContext,
  name: string,
  options: ExportOptions = {},
): Promise<ServerJson> {
  const registry = await context.registry();
  const document = await registry.exportServerJson(name, options.version, { namespace: options.namespace });
  if (options.file) await writeFile(options.file, `${JSON.stringify(document, null, 2)}\n`);
  return document;
}

export async function importServer(context: FactoryContext, file: string): Promise<RecordResult> {
  const registry = await context.registry();
  return registry.importServerJson(await readJson(file));
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new FactoryError('INPUT_UNREADABLE', `cannot read ${file} (${reason})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FactoryError('SPEC_INVALID', `${file} is not valid JSON: ${(error as Error).message}`);
  }
}
