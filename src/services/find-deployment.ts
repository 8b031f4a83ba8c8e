/** Which target runs a server: the one use cases that act on "the deployment of NAME" start from. */
import { FactoryError } from '../errors.js';
import type { DeploymentInfo, Target } from '../targets/index.js';
import type { FactoryContext } from './factory-context.js';

export interface FoundDeployment {
  readonly target: Target;
  readonly info: DeploymentInfo;
}

export async function findDeployments(context: FactoryContext, name: string): Promise<FoundDeployment[]> {
  const found: FoundDeployment[] = [];
  for (const target of Object.values(context.targets)) {
    try {
      found.push({ target, info: await target.status(name) });
    } catch (error) {
      if (!(error instanceof FactoryError && error.code === 'NOT_FOUND')) throw error;
    }
  }
  return found;
}

export async function findDeployment(context: FactoryContext, name: string): Promise<FoundDeployment> {
  const [first] = await findDeployments(context, name);
  if (first === undefined) {
    throw new FactoryError('NOT_FOUND', `${name} is not deployed`, {
      hint: `deploy it with: mcp-deploy ${name}`,
    });
  }
  return first;
}
