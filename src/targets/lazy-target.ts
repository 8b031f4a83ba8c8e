/**
 * A target whose module is imported on its first call. The docker target pulls in dockerode (with gRPC and
 * protobuf) and the local target the MCP client: a CLI command that never touches a target must not pay
 * for them at start.
 */
import type { Target, TargetKind } from './target.js';

export function lazyTarget(kind: TargetKind, load: () => Promise<Target>): Target {
  let loaded: Promise<Target> | undefined;
  const target = () => {
    loaded ??= load();
    return loaded;
  };
  return {
    kind,
    deploy: async (artifact, options) => (await target()).deploy(artifact, options),
    stop: async (name, options) => (await target()).stop(name, options),
    start: async (name, options) => (await target()).start(name, options),
    restart: async (name, options) => (await target()).restart(name, options),
    status: async (name) => (await target()).status(name),
    list: async () => (await target()).list(),
    remove: async (name, options) => (await target()).remove(name, options),
    purge: async (name) => (await target()).purge(name),
    health: async (name, options) => (await target()).health(name, options),
    logs: (name, options) => ({
      async *[Symbol.asyncIterator]() {
        yield* (await target()).logs(name, options);
      },
    }),
  };
}
