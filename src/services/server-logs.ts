/** The `logs` use case: the last lines of a deployed server's log, and optionally the lines that follow. */
import type { FactoryContext } from './factory-context.js';
import { findDeployment } from './find-deployment.js';

export interface LogsOptions {
  readonly tail: number;
  readonly follow: boolean;
  readonly signal?: AbortSignal | undefined;
}

export async function serverLogs(
  context: FactoryContext,
  name: string,
  options: LogsOptions,
): Promise<AsyncIterable<string>> {
  const { target } = await findDeployment(context, name);
  return target.logs(name, {
    tail: options.tail,
    follow: options.follow,
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
