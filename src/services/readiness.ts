/**
 * A generated server's readiness (`/readyz`: each of its connections probed) for the use cases: deploy and
 * start wait for it, status shows it per connection. Only running HTTP endpoints are asked — the stdio
 * bridge has no connections of its own, and a server without the route has nothing to report.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { FactoryError } from '../errors.js';
import type { DeploymentInfo, ReadinessResult } from '../targets/index.js';
import { checkReadiness, notReadyWords } from './readiness-check.js';

/** How long deploy and start wait for every connection to answer (a database may still be starting). */
export const READY_WAIT_MS = 15_000;
const POLL_MS = 250;

/** The deployment with its readiness attached, when it offers one. */
export async function withReadiness(info: DeploymentInfo): Promise<DeploymentInfo> {
  if (!asksReadiness(info)) return info;
  const readiness = await checkReadiness(info.endpoint);
  return readiness === undefined ? info : { ...info, readiness };
}

/**
 * Resolves once every connection answers; fails with RUNTIME_FAILED naming each connection that does not
 * (the deployment stays up: a database that comes up later makes it ready without a redeploy). A
 * connection that is not configured fails at once: waiting cannot change an environment.
 */
export async function awaitReadiness(info: DeploymentInfo, waitMs = READY_WAIT_MS): Promise<DeploymentInfo> {
  if (!asksReadiness(info)) return info;
  const deadline = Date.now() + waitMs;
  for (;;) {
    const readiness = await checkReadiness(info.endpoint);
    if (readiness === undefined) return info;
    if (readiness.ready) return { ...info, readiness };
    const hopeless = readiness.connections.some((c) => c.status === 'not configured');
    if (hopeless || Date.now() > deadline) throw notReady(info, readiness);
    await sleep(POLL_MS);
  }
}

function asksReadiness(info: DeploymentInfo): boolean {
  return info.transport === 'http' && (info.state === 'running' || info.state === 'unhealthy');
}

function notReady(info: DeploymentInfo, readiness: ReadinessResult): FactoryError {
  return new FactoryError(
    'RUNTIME_FAILED',
    `${info.name} runs on ${info.target} but is not ready: ${notReadyWords(readiness)}`,
    {
      hint: `it stays deployed: fix the connection (its variable, or the service it names), then mcp-restart ${info.name}; mcp-status ${info.name} shows readiness per connection`,
      details: { readiness },
    },
  );
}
