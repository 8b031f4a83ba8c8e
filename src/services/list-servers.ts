/** The `list` use case: every catalogued server with each of its deployments, optionally filtered by a search. */
import type { Deployment, DeploymentSummary, SearchHit, ServerSummary } from '../registry/index.js';
import type { FactoryContext } from './factory-context.js';
import { refreshDeployments } from './refresh-deployments.js';

/** A catalogued server with every deployment it has (one per target), ordered by target. */
export interface ListedServer extends Omit<ServerSummary, 'deployment'> {
  readonly deployments: readonly DeploymentSummary[];
}

export interface ListServersResult {
  readonly servers: readonly ListedServer[];
  /** With a search: the tools that matched, best first. */
  readonly matches: readonly SearchHit[];
}

export interface ListServersOptions {
  readonly search?: string | undefined;
  /** A page of the catalogue (large catalogues list faster in pages). */
  readonly limit?: number | undefined;
  readonly offset?: number | undefined;
}

export async function listServers(
  context: FactoryContext,
  options: ListServersOptions = {},
): Promise<ListServersResult> {
  await refreshDeployments(context);
  const registry = await context.registry();
  const query = options.search?.trim() || undefined;
  const [servers, matches, deployments] = await Promise.all([
    registry.listServers({ search: query, limit: options.limit, offset: options.offset }),
    query ? registry.search(query) : Promise.resolve([]),
    registry.listDeployments(),
  ]);
  const byServer = new Map<string, DeploymentSummary[]>();
  for (const deployment of deployments) {
    byServer.set(deployment.server, [...(byServer.get(deployment.server) ?? []), summary(deployment)]);
  }
  return {
    servers: servers.map(({ deployment: _latest, ...server }) => ({
      ...server,
      deployments: (byServer.get(server.name) ?? []).sort((a, b) => a.target.localeCompare(b.target)),
    })),
    matches,
  };
}

function summary({ id, version, target, state, endpoint }: Deployment): DeploymentSummary {
  return { id, version, target, state, endpoint };
}
