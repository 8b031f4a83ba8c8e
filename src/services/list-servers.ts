/** The `list` use case: every catalogued server with its latest deployment, optionally filtered by a search. */
import type { SearchHit, ServerSummary } from '../registry/index.js';
import type { FactoryContext } from './factory-context.js';
import { refreshDeployments } from './refresh-deployments.js';

export interface ListServersResult {
  readonly servers: readonly ServerSummary[];
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
  const [servers, matches] = await Promise.all([
    registry.listServers({ search: query, limit: options.limit, offset: options.offset }),
    query ? registry.search(query) : Promise.resolve([]),
  ]);
  return { servers, matches };
}
