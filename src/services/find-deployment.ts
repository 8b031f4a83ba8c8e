/** Which target runs a server: the one use cases that act on "the deployment of NAME" start from. */
import { FactoryError, unlessNotFound } from '../errors.js';
import type { DeploymentInfo, Target, TargetKind } from '../targets/index.js';
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

/**
 * The one deployment of NAME (on `kind` when given). A server deployed on several targets needs `kind`:
 * acting on whichever target answers first would surprise.
 */
export async function findDeployment(
  context: FactoryContext,
  name: string,
  kind?: TargetKind,
): Promise<FoundDeployment> {
  const found = (await findDeployments(context, name)).filter(
    ({ target }) => kind === undefined || target.kind === kind,
  );
  const [first, ...others] = found;
  if (first === undefined) throw await notDeployed(context, name, kind);
  if (others.length > 0) {
    const kinds = found.map(({ target }) => target.kind);
    throw new FactoryError('USAGE', `${name} is deployed on ${kinds.join(' and ')}`, {
      hint: `say which with --target ${kinds.join('|')}`,
    });
  }
  return first;
}

/** The hint names a command that works: deploying a catalogued server, or finding the right name. */
async function notDeployed(context: FactoryContext, name: string, kind?: TargetKind): Promise<FactoryError> {
  const message = `${name} is not deployed${kind ? ` on ${kind}` : ''}`;
  const catalogued = (await unlessNotFound((await context.registry()).latestVersion(name))) !== undefined;
  if (catalogued)
    return new FactoryError('NOT_FOUND', message, {
      hint: `deploy it with: mcp-deploy ${name}${kind ? ` --target ${kind}` : ''}`,
    });
  return new FactoryError('NOT_FOUND', `${message}: the catalogue has no server named "${name}"`, {
    hint: 'mcp-list shows the servers there are; mcp-create --spec FILE adds one',
  });
}
