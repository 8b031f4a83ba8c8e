/**
 * Before a create writes into a folder, projects that killed runs left in the same parent are settled, so
 * the folder and the catalogue agree and no temporary folder stays behind:
 *  - complete (every file written, the run died between cataloguing and the rename, or before cataloguing):
 *    renamed into place and recorded in the catalogue — the run had finished its work;
 *  - incomplete, or its project folder exists by now, or its version conflicts with the catalogue: removed.
 * Only folders of runs that are gone are touched (generator/interrupted-writes.ts).
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  adoptInterruptedWrite,
  discardInterruptedWrite,
  findInterruptedWrites,
  type InterruptedWrite,
} from '../generator/interrupted-writes.js';
import { loadSpec } from '../spec/index.js';
import { assertVersionIsFree, catalogVersion } from './catalog-version.js';
import type { FactoryContext } from './factory-context.js';

export interface RecoveredCreates {
  /** Project folders completed from a killed run's temporary folder. */
  readonly adopted: string[];
  /** Temporary folders removed. */
  readonly removed: string[];
}

export async function recoverInterruptedCreates(
  parent: string,
  context: FactoryContext | undefined,
): Promise<RecoveredCreates> {
  const recovered: RecoveredCreates = { adopted: [], removed: [] };
  for (const write of await findInterruptedWrites(parent)) {
    if (await adopt(write, context)) recovered.adopted.push(write.target);
    else {
      await discardInterruptedWrite(write);
      recovered.removed.push(write.temp);
    }
  }
  return recovered;
}

async function adopt(write: InterruptedWrite, context: FactoryContext | undefined): Promise<boolean> {
  if (!write.complete || (await stat(write.target).catch(() => undefined)) !== undefined) return false;
  const { spec } = await loadSpec(join(write.temp, 'mcp.spec.yaml'));
  if (spec === undefined) return false;
  try {
    if (context) await assertVersionIsFree(context, spec);
    if (context) await catalogVersion(context, spec, write.target, write.temp);
    return await adoptInterruptedWrite(write);
  } catch {
    return false; // the catalogue holds another spec under that version, or another run moved it first
  }
}
