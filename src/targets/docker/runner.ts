/**
 * How a deployment runs on the engine: one container (container-runner.ts) or N replicas behind a
 * balancer container (replica-set-runner.ts). The target picks one by the recorded replica count and otherwise does not
 * care which it holds.
 */
import type { LogOptions } from '../target.js';
import type { ObservedState } from './container-state.js';
import type { DockerDeployment } from './deployment-record.js';

export interface Runner {
  /** Create and start it (nothing of the same name may exist: the target removed any old one). */
  create(record: DockerDeployment, env: readonly string[]): Promise<void>;
  /** Start what exists; false when there is nothing to start (it was removed behind our back). */
  start(record: DockerDeployment): Promise<boolean>;
  stop(record: DockerDeployment, timeoutMs: number): Promise<void>;
  /** Remove it, whatever state it is in; nothing there is fine. */
  remove(record: DockerDeployment): Promise<void>;
  observe(record: DockerDeployment): Promise<ObservedState>;
  logs(record: DockerDeployment, options: LogOptions): AsyncIterable<string>;
  /** Facts for `details` beyond the common ones (e.g. replicas `ready/N`). */
  details(observed: ObservedState, record: DockerDeployment): Record<string, string | number | boolean>;
}
