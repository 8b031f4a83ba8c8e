/**
 * deploy/start resolve only after a real MCP `tools/list` through the published port succeeds. While
 * waiting, the engine is watched too: a container that exits for good fails the wait at once, with the
 * end of its log, instead of running out the clock.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { FactoryError } from '../../errors.js';
import { checkHealth } from '../local/health-check.js';
import type { HealthResult } from '../target.js';
import type { ObservedState } from './container-state.js';
import type { DockerDeployment } from './deployment-record.js';
import type { Runner } from './runner.js';

const POLL_MS = 100;
const LOG_TAIL_ON_FAILURE = 20;

export interface Ready {
  readonly observed: ObservedState;
  readonly check: HealthResult;
}

export async function waitReady(
  runner: Runner,
  record: DockerDeployment,
  headers: Record<string, string>,
  endpoint: string,
): Promise<Ready> {
  const deadline = Date.now() + record.readyTimeoutMs;
  let last: HealthResult | undefined;
  for (;;) {
    const observed = await runner.observe(record);
    if (observed.state === 'failed' || observed.state === 'stopped') {
      throw await startFailure(runner, record, observed.reason ?? observed.state);
    }
    if (observed.state === 'running') {
      last = await checkHealth(endpoint, { timeoutMs: 2_000, headers });
      if (last.ok) return { observed, check: last };
    }
    if (Date.now() > deadline) {
      const why = last?.error ?? observed.reason ?? observed.state;
      throw await startFailure(runner, record, `not healthy within ${record.readyTimeoutMs} ms (${why})`);
    }
    await sleep(POLL_MS);
  }
}

/** The error for a deploy/start that never got healthy, carrying the end of the log that explains it. */
async function startFailure(runner: Runner, record: DockerDeployment, reason: string): Promise<FactoryError> {
  const lines: string[] = [];
  try {
    for await (const line of runner.logs(record, { tail: LOG_TAIL_ON_FAILURE })) lines.push(line);
  } catch {
    // No logs to show (the container is gone): the reason has to do.
  }
  const tail = lines.length === 0 ? '  (the logs are empty)' : lines.map((line) => `  ${line}`).join('\n');
  return new FactoryError('RUNTIME_FAILED', `${record.name} failed to start in Docker: ${reason}\n${tail}`, {
    hint: `see the whole log: mcp-logs ${record.name}`,
    details: { reason, logTail: lines },
  });
}
