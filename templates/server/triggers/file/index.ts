/**
 * File trigger: chokidar watches the paths (plain paths or globs, relative to the working directory) and
 * each add/change/unlink runs the tool once per quiet period: events for the same path within
 * `debounceMs` collapse into the last one (an editor's save is often several writes).
 * Event = { path (absolute), event }.
 */
import type { FileEvent, FileEventName, FileTriggerConfig, TriggerFactory } from '../contract.js';
import { once } from '../run.js';
import { type WatchTarget, watchTarget } from './glob.js';

export const start: TriggerFactory<FileTriggerConfig> = async (config, context) => {
  // Loaded here: a server without a file trigger never loads (or needs) chokidar.
  const { watch } = await import('chokidar');
  const targets = config.paths.map((entry) => watchTarget(entry, process.cwd()));
  const pending = new Map<string, NodeJS.Timeout>();
  const watcher = watch([...new Set(targets.map((t) => t.root))], { ignoreInitial: true, persistent: true });
  const onEvent = (event: FileEventName) => (path: string) => {
    if (!config.events.includes(event) || !matchesAny(targets, path)) return;
    clearTimeout(pending.get(path));
    const fire = () => {
      pending.delete(path);
      const fileEvent: FileEvent = { path, event };
      void context.run(fileEvent);
    };
    pending.set(path, setTimeout(fire, config.debounceMs));
  };
  for (const event of ['add', 'change', 'unlink'] as const) watcher.on(event, onEvent(event));
  watcher.on('error', (error) => context.log.warn('file watcher error', { error: String(error) }));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
  context.log.info('file trigger watching', { paths: config.paths, events: config.events });
  return {
    id: context.id,
    stop: once(async () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
      await watcher.close();
      await context.drain();
    }),
  };
};

function matchesAny(targets: readonly WatchTarget[], path: string): boolean {
  return targets.some((t) => (t.matches ? t.matches(path) : isWithin(t.root, path)));
}

function isWithin(root: string, path: string): boolean {
  const p = path.replaceAll('\\', '/');
  return p === root || p.startsWith(root.endsWith('/') ? root : `${root}/`);
}
