/**
 * The engine's HEALTHCHECK first runs one interval (10 s) after a start, so until then a server that is up
 * — just deployed, restarted after a crash — reads `starting`. A real tools/list on the container's own
 * published port settles it: answered means running (details keep the engine's `starting`).
 */
import { checkHealth, healthHeaders } from '../local/health-check.js';
import type { ObservedState } from './container-state.js';
import type { DockerDeployment } from './deployment-record.js';

export async function settleStarting(
  observed: ObservedState,
  record: DockerDeployment,
  hostPort: string | undefined,
): Promise<ObservedState> {
  if (observed.state !== 'starting' || observed.health !== 'starting' || !hostPort) return observed;
  const headers = healthHeaders(record.healthAuth, process.env);
  const check = await checkHealth(`http://127.0.0.1:${hostPort}/mcp`, { timeoutMs: 2_000, headers });
  if (!check.ok) return observed;
  const { reason: _waiting, ...rest } = observed;
  return { ...rest, state: 'running', lastHealth: check };
}
