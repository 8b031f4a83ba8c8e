/**
 * Stop, start and restart a deployed server. Each is the same three steps: find the deployment, ask its
 * target, record what the target reports. Start and restart also wait for the server's connections.
 */
import type { DeploymentInfo, Target, TargetKind } from '../targets/index.js';
import type { FactoryContext } from './factory-context.js';
import { findDeployment } from './find-deployment.js';
import { awaitReadiness } from './readiness.js';
import { recordDeployment } from './record-deployment.js';

type Action = 'stop' | 'start' | 'restart';

const ACTIONS: Record<Action, (target: Target, name: string) => Promise<DeploymentInfo>> = {
  stop: (target, name) => target.stop(name),
  start: async (target, name) => awaitReadiness(await target.start(name)),
  restart: async (target, name) => awaitReadiness(await target.restart(name)),
};

export async function changeDeployment(
  context: FactoryContext,
  name: string,
  action: Action,
  kind?: TargetKind,
): Promise<DeploymentInfo> {
  const { target } = await findDeployment(context, name, kind);
  const info = await ACTIONS[action](target, name);
  const registry = await context.registry();
  const recorded = await recordDeployment(registry, info);
  await registry.logEvent({
    server: name,
    deploymentId: recorded.id,
    level: 'info',
    message: `${action}: ${info.state}`,
  });
  return info;
}
