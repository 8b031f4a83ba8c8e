/**
 * Brings the registry's picture of deployments up to date with what the targets report right now, so a
 * listing never shows a server as running after its supervisor died. Deployments of servers the registry
 * does not know (removed behind the target's back) are left to `remove`. Running HTTP servers also report
 * their per-tool usage here.
 */
import { FactoryError } from '../errors.js';
import type { Deployment } from '../registry/index.js';
import type { DeploymentInfo, Target } from '../targets/index.js';
import { collectUsage } from './collect-usage.js';
import type { FactoryContext } from './factory-context.js';
import { recordDeployment } from './record-deployment.js';

export async function refreshDeployments(context: FactoryContext, name?: string): Promise<DeploymentInfo[]> {
  const registry = await context.registry();
  const live: DeploymentInfo[] = [];
  for (const target of Object.values(context.targets)) {
    for (const info of await reported(target, name)) {
      const deployment = await known(() => recordDeployment(registry, info));
      if (deployment === undefined) continue;
      live.push(info);
      await collectUsage(registry, info, deployment);
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

/** The recorded deployment, or undefined when the registry does not know the server. */
async function known(write: () => Promise<Deployment>): Promise<Deployment | undefined> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof FactoryError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}
