/**
 * Engine object names are global to the engine, while deployment records live in one factory home. A first
 * deploy must not take over (and a later remove must not delete) a container another home — or a user —
 * already runs under our name: that is a CONFLICT, found before anything is written.
 */
import { FactoryError } from '../../errors.js';
import { type Engine, unlessMissing } from './engine.js';
import { containerName } from './names.js';

export async function assertNameFree(engine: Engine, name: string): Promise<void> {
  const container = containerName(name);
  const existing = await unlessMissing(engine.getContainer(container).inspect());
  if (existing === undefined) return;
  throw new FactoryError('CONFLICT', `a container named ${container} already exists on this Docker engine`, {
    hint: 'it belongs to another factory home (MCP_FACTORY_HOME) or was made by hand: remove it there, or deploy under another name',
    details: { container: existing.Id.slice(0, 12) },
  });
}
