/**
 * `deploy --watch`: after deploying, watch the project's mcp.spec.yaml (the file users edit) and, on each
 * valid change with a new version, regenerate the project, record the version and deploy it. An invalid spec,
 * or a changed spec that kept its version, is reported and the running server is left alone.
 */
import { watch } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FactoryError } from '../errors.js';
import { formatDiagnostics } from '../spec/index.js';
import { createServer } from './create-server.js';
import { type DeployServerOptions, type DeployServerResult, deployServer } from './deploy-server.js';
import type { FactoryContext } from './factory-context.js';

export type WatchEvent =
  | { readonly kind: 'deployed'; readonly result: DeployServerResult }
  | { readonly kind: 'unchanged' }
  | { readonly kind: 'rejected'; readonly message: string };

export interface WatchOptions extends DeployServerOptions {
  readonly signal: AbortSignal;
  readonly onEvent: (event: WatchEvent) => void;
  /** Quiet time after the last change before acting (editors write in several steps). */
  readonly debounceMs?: number;
}

export async function watchDeployment(context: FactoryContext, options: WatchOptions): Promise<void> {
  options.onEvent({ kind: 'deployed', result: await deployServer(context, options) });
  const version = await (await context.registry()).getVersion(options.name);
  if (version.artifactDir === null)
    throw new FactoryError('USAGE', `${options.name} has no project folder to watch`);
  const specFile = join(version.artifactDir, 'mcp.spec.yaml');
  await onChanges(specFile, options, () => redeploy(context, specFile, options));
}

async function redeploy(context: FactoryContext, specFile: string, options: WatchOptions): Promise<void> {
  try {
    const created = await createServer({
      source: { file: specFile },
      cwd: dirname(specFile),
      out: '.',
      context,
    });
    if (created.status === 'invalid') {
      const message = formatDiagnostics({ errors: [...created.errors], warnings: [] }, specFile);
      return options.onEvent({ kind: 'rejected', message });
    }
    if (created.status !== 'written' || created.catalog?.created === false)
      return options.onEvent({ kind: 'unchanged' });
    const result = await deployServer(context, { ...options, version: created.catalog?.version });
    options.onEvent({ kind: 'deployed', result });
  } catch (error) {
    if (!(error instanceof FactoryError) || error.audience === 'internal') throw error;
    options.onEvent({
      kind: 'rejected',
      message: `${error.message}${error.hint ? `\nhint: ${error.hint}` : ''}`,
    });
  }
}

/** Calls `act` after each settled burst of changes to `file`, one at a time, until the signal aborts. */
function onChanges(file: string, options: WatchOptions, act: () => Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    // Watch the folder, not the file: editors often replace the file, which ends a watch on it.
    const watcher = watch(dirname(file), (_event, changed) => {
      if (changed === basename(file)) schedule();
    });
    let timer: NodeJS.Timeout | undefined;
    let running = Promise.resolve();
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        running = running.then(act).catch((error: unknown) => finish(error));
      }, options.debounceMs ?? 300);
    };
    const finish = (error?: unknown) => {
      clearTimeout(timer);
      watcher.close();
      void running.finally(() => (error === undefined ? resolve() : reject(error)));
    };
    if (options.signal.aborted) finish();
    options.signal.addEventListener('abort', () => finish(), { once: true });
  });
}
