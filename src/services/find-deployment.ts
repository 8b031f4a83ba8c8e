/** Which target runs a server: the one use cases that act on "the deployment of NAME" start from. */
import { FactoryError, unlessNotFound } from '../errors.js';
import type { DeploymentInfo, Target } from '../targets/index.js';
import type { FactoryContext } from './factory-context.js';

export interface FoundDeployment {
  readonly target: Target;
  readonly info: DeploymentInfo;
}

export async function findDeployments(context: FactoryContext, name: string): Promise<FoundDeployment[]> {
  const found: FoundDeployment[] = [];
  for (const target of Object.values(context.targets)) {
    const info = await unlessNotFound(target.status(name));
    if (info) found.push({ target, info });
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
