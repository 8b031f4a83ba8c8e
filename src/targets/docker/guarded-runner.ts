/**
 * A runner whose engine failures reach the user as FactoryErrors (engine.ts `engineFailure`) instead of
 * dockerode's raw errors, which the CLI would report as a bug.
 */
import type { LogOptions } from '../target.js';
import type { ObservedState } from './container-state.js';
import type { DockerDeployment } from './deployment-record.js';
import { engineFailure } from './engine.js';
import type { Runner } from './runner.js';

export class GuardedRunner implements Runner {
  constructor(
    private readonly inner: Runner,
    private readonly dockerHost: string | undefined,
  ) {}

  create(record: DockerDeployment, env: readonly string[]): Promise<void> {
    return this.guard(this.inner.create(record, env));
  }

  start(record: DockerDeployment): Promise<boolean> {
    return this.guard(this.inner.start(record));
  }

  stop(record: DockerDeployment, timeoutMs: number): Promise<void> {
    return this.guard(this.inner.stop(record, timeoutMs));
  }

  remove(record: DockerDeployment): Promise<void> {
    return this.guard(this.inner.remove(record));
  }

  observe(record: DockerDeployment): Promise<ObservedState> {
    return this.guard(this.inner.observe(record));
  }

  async *logs(record: DockerDeployment, options: LogOptions): AsyncGenerator<string> {
    try {
      yield* this.inner.logs(record, options);
    } catch (error) {
      throw engineFailure(error, this.dockerHost);
    }
  }

  details(observed: ObservedState, record: DockerDeployment): Record<string, string | number | boolean> {
    return this.inner.details(observed, record);
  }

  private guard<T>(work: Promise<T>): Promise<T> {
    return work.catch((error: unknown) => {
      throw engineFailure(error, this.dockerHost);
    });
  }
}
