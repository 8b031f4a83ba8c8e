/** The one error every target's `purge` gives while NAME still has a deployment (purge is for leftovers). */
import { FactoryError } from '../../errors.js';

export function stillDeployed(name: string): FactoryError {
  return new FactoryError('CONFLICT', `${name} is still deployed: purge only deletes what a remove left`, {
    hint: `remove it and what it left with: mcp-remove ${name} --purge`,
  });
}
