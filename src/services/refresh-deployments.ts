/**
 * Brings the registry's picture of deployments up to date with what the targets report right now, so a
 * listing never shows a server as running after its supervisor died. Deployments of servers the registry
 * does not know (removed behind the target's back) are left to `remove`. Running HTTP servers also report
 * their per-tool usage here.
 */
import { unlessNotFound } from '../errors.js';
import type { DeploymentInfo } from '../targets/index.js';
import { collectUsage } from './collect-usage.js';
import type { FactoryContext } from './factory-context.js';
import { findDeployments } from './find-deployment.js';
import { recordDeployment } from './record-deployment.js';

export async function refreshDeployments(context: FactoryContext, name?: string): Promise<DeploymentInfo[]> {
  const registry = await context.registry();
  const live: DeploymentInfo[] = [];
  for (const info of await reported(context, name)) {
    // A deployment of a server the registry does not know is left alone.
    const deployment = await unlessNotFound(recordDeployment(registry, info));
    if (deployment === undefined) continue;
    live.push(info);
    await collectUsage(registry, info, deployment);
  }
  return live;
}

async function reported(context: FactoryContext, name: string | undefined): Promise<DeploymentInfo[]> {
  if (name !== undefined) return (await findDeployments(context, name)).map(({ info }) => info);
  return (await Promise.all(Object.values(context.targets).map((target) => target.list()))).flat();
}
