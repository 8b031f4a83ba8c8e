/**
 * Brings the registry's picture of deployments up to date with what the targets report right now, so a
 * listing never shows a server as running after its supervisor died. Deployments of servers the registry
 * does not know (removed behind the target's back) are left to `remove`.
 */
import { FactoryError } from '../errors.js';
import type { Deployment } from '../registry/index.js';
import type { DeploymentInfo, Target } from '../targets/index.js';
import type { FactoryContext } from './factory-context.js';
import { recordDeployment } from './record-deployment.js';

export async function refreshDeployments(context: FactoryContext, name?: string): Promise<DeploymentInfo[]> {
  const registry = await context.registry();
  const live: DeploymentInfo[] = [];
  for (const target of Object.values(context.targets)) {
    for (const info of await reported(target, name)) {
      if (await record(() => recordDeployment(registry, info))) live.push(info);
    }
  }
  return live;
}

async function reported(target: Target, name: string | undefined): Promise<DeploymentInfo[]> {
  if (name === undefined) return target.list();
  try {
    return [await target.status(name)];
  } catch (error) {
    if (error instanceof FactoryError && error.code === 'NOT_FOUND') return [];
    throw error;
  }
}

async function record(write: () => Promise<Deployment>): Promise<boolean> {
  try {
    await write();
    return true;
  } catch (error) {
    if (error instanceof FactoryError && error.code === 'NOT_FOUND') return false;
    throw error;
  }
}
