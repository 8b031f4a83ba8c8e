/** The `list` use case: every catalogued server with its latest deployment, optionally filtered by a search. */
import type { SearchHit, ServerSummary } from '../registry/index.js';
import type { FactoryContext } from './factory-context.js';
import { refreshDeployments } from './refresh-deployments.js';

export interface ListServersResult {
  readonly servers: readonly ServerSummary[];
  /** With a search: the tools that matched, best first. */
  readonly matches: readonly SearchHit[];
}

export async function listServers(context: FactoryContext, search?: string): Promise<ListServersResult> {
  await refreshDeployments(context);
  const registry = await context.registry();
  const query = search?.trim() || undefined;
  const [servers, matches] = await Promise.all([
    registry.listServers({ search: query }),
    query ? registry.search(query) : Promise.resolve([]),
  ]);
  return { servers, matches };
}
