/**
 * What every use case works with: the data directory, the registry (opened on first use, once) and the
 * deployment targets. Edges create one context per request or CLI invocation and close it afterwards.
 */
import { openRegistry, type Registry, resolveHome } from '../registry/index.js';
import { createTargets, type Target, type TargetKind } from '../targets/index.js';

export type Env = Readonly<Record<string, string | undefined>>;

export interface FactoryContext {
  readonly home: string;
  readonly env: Env;
  readonly targets: Readonly<Record<TargetKind, Target>>;
  registry(): Promise<Registry>;
  close(): Promise<void>;
}

export function createFactoryContext(env: Env): FactoryContext {
  const home = resolveHome(env);
  let opened: Promise<Registry> | undefined;
  return {
    home,
    env,
    // Every target keeps its files under the same home; the Docker socket follows this env's DOCKER_HOST.
    targets: createTargets({
      local: { home },
      docker: { home, ...(env.DOCKER_HOST ? { dockerHost: env.DOCKER_HOST } : {}) },
      microvm: { home },
    }),
    registry: () => {
      opened ??= openRegistry({ home });
      return opened;
    },
    close: async () => {
      if (opened) await (await opened).close();
    },
  };
}

/** Run a use case with a fresh context and always close it. */
export async function withFactory<T>(env: Env, use: (context: FactoryContext) => Promise<T>): Promise<T> {
  const context = createFactoryContext(env);
  try {
    return await use(context);
  } finally {
    await context.close();
  }
}
