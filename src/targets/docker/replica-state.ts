/**
 * One state for N replicas and their balancer: `running` only when every replica answers and the balancer
 * runs; `starting` while some are on their way; `unhealthy` when some serve but others fail or fail their
 * health checks; `failed` when none can serve (or the balancer is down); `stopped` when we stopped them.
 * Restarts add up over all containers.
 */
import type { DeploymentState } from '../target.js';
import { type ObservedState, stoppedState } from './container-state.js';
import type { DockerDeployment } from './deployment-record.js';

export function aggregateReplicas(
  record: DockerDeployment,
  balancer: ObservedState,
  replicas: readonly ObservedState[],
): ObservedState {
  const ready = replicas.filter((replica) => replica.state === 'running').length;
  const exits = [balancer, ...replicas].flatMap((o) => (o.lastExit === undefined ? [] : [o.lastExit]));
  const lastExit = exits.sort((a, b) => (a.at < b.at ? 1 : -1))[0];
  return {
    ...decide(record, balancer, replicas, ready),
    restarts: [balancer, ...replicas].reduce((sum, o) => sum + o.restarts, 0),
    health: healthSummary(replicas),
    ...(balancer.startedAt === undefined ? {} : { startedAt: balancer.startedAt }),
    ...(lastExit === undefined ? {} : { lastExit }),
    ...(balancer.containerId === undefined ? {} : { containerId: balancer.containerId }),
  };
}

function decide(
  record: DockerDeployment,
  balancer: ObservedState,
  replicas: readonly ObservedState[],
  ready: number,
): { state: DeploymentState; reason?: string } {
  const n = replicas.length;
  if (record.stoppedByUs && [balancer, ...replicas].every((o) => o.state === 'stopped')) {
    return stoppedState(record);
  }
  const problems = replicas
    .map((replica, index) => ({ replica, index }))
    .filter(({ replica }) => replica.state !== 'running')
    .map(({ replica, index }) => `replica ${index + 1}: ${replica.reason ?? replica.state}`);
  const counted = `${ready}/${n} replicas ready${problems.length > 0 ? `; ${problems.join('; ')}` : ''}`;
  if (balancer.state === 'failed' || balancer.state === 'stopped') {
    return {
      state: 'failed',
      reason: `the balancer is down (${balancer.reason ?? balancer.state}); ${counted}`,
    };
  }
  if (ready === n) return { state: 'running' };
  if (ready === 0 && replicas.every((replica) => replica.state === 'failed' || replica.state === 'stopped')) {
    return { state: 'failed', reason: counted };
  }
  const troubled = replicas.some((replica) => ['failed', 'unhealthy', 'stopped'].includes(replica.state));
  return { state: troubled && ready > 0 ? 'unhealthy' : 'starting', reason: counted };
}

function healthSummary(replicas: readonly ObservedState[]): string {
  const counts = new Map<string, number>();
  for (const replica of replicas) counts.set(replica.health, (counts.get(replica.health) ?? 0) + 1);
  if (counts.size === 1) return [...counts.keys()][0] ?? 'none';
  return [...counts].map(([health, count]) => `${count} ${health}`).join(', ');
}
