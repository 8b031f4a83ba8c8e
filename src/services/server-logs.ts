/** The `logs` use case: the last lines of a deployed server's log, and optionally the lines that follow. */
import type { TargetKind } from '../targets/index.js';
import type { FactoryContext } from './factory-context.js';
import { findDeployment } from './find-deployment.js';

export interface LogsOptions {
  readonly tail: number;
  readonly follow: boolean;
  readonly signal?: AbortSignal | undefined;
  /** Which target's deployment, when the server runs on several. */
  readonly target?: TargetKind | undefined;
}

export async function serverLogs(
  context: FactoryContext,
  name: string,
  options: LogsOptions,
): Promise<AsyncIterable<string>> {
  const { target } = await findDeployment(context, name, options.target);
  return target.logs(name, {
    tail: options.tail,
    follow: options.follow,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
