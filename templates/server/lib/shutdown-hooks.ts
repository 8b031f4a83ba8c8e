/**
 * The hooks a server's shutdown runs after its transport stopped and before its pools close (triggers stop
 * their schedules and consumers there). Shutdown wins over a start still in progress: a hook added after
 * the hooks ran (stdin closed while triggers were starting) runs at once, so nothing it would stop
 * outlives the server.
 */
import type { Logger } from './logger.js';

export type ShutdownHook = () => Promise<void> | void;

export class ShutdownHooks {
  private readonly pending: ShutdownHook[] = [];
  private ran = false;

  constructor(
    private readonly log: Logger,
    /** How long one hook may take before shutdown goes on without it. */
    private readonly timeoutMs: number,
  ) {}

  add(hook: ShutdownHook): void {
    if (this.ran) void this.runOne(hook);
    else this.pending.push(hook);
  }

  async runAll(): Promise<void> {
    // A hook added while another one runs is still in `pending`: the loop picks it up.
    for (let hook = this.pending.shift(); hook !== undefined; hook = this.pending.shift())
      await this.runOne(hook);
    this.ran = true;
  }

  private runOne(hook: ShutdownHook): Promise<void> {
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, this.timeoutMs).unref());
    return Promise.race([Promise.resolve().then(hook), timeout]).catch((error: unknown) =>
      this.log.warn('shutdown hook failed', { error }),
    );
  }
}
