/**
 * The `status` use case: what the registry knows about a server (versions, tools, usage, recent errors) with
 * the live state of each of its deployments as the targets report it now.
 */
import type { DeploymentEvent, ToolUsage, VersionSummary } from '../registry/index.js';
import type { DeploymentInfo } from '../targets/index.js';
import type { FactoryContext } from './factory-context.js';
import { withReadiness } from './readiness.js';
import { refreshDeployments } from './refresh-deployments.js';

export interface ServerStatus {
  readonly name: string;
  readonly kind: string;
  readonly description: string;
  readonly latestVersion: string;
  readonly versions: readonly VersionSummary[];
  readonly toolCount: number;
  readonly deployments: readonly (DeploymentInfo & { readonly uptimeMs?: number | undefined })[];
  readonly usage: readonly ToolUsage[];
  readonly recentErrors: readonly DeploymentEvent[];
}

export async function serverStatus(context: FactoryContext, name: string): Promise<ServerStatus> {
  const registry = await context.registry();
  const latest = await registry.getVersion(name);
  // Refresh first: it records what the targets report now, including usage, which is read next.
  const live = await Promise.all((await refreshDeployments(context, name)).map(withReadiness));
  const [versions, usage, recentErrors] = await Promise.all([
    registry.listVersions(name),
    registry.getUsage(name),
    registry.recentEvents({ server: name, minLevel: 'warn', limit: 5 }),
  ]);
  const now = Date.now();
  return {
    name,
    kind: latest.kind,
    description: latest.description,
    latestVersion: latest.version,
    versions,
    toolCount: latest.tools.length,
    deployments: live.map((info) => ({ ...info, uptimeMs: uptime(info, now) })),
    usage,
    recentErrors,
  };
}

function uptime(info: DeploymentInfo, now: number): number | undefined {
  if (info.startedAt === undefined || (info.state !== 'running' && info.state !== 'unhealthy'))
    return undefined;
  return Math.max(0, now - Date.parse(info.startedAt));
}
