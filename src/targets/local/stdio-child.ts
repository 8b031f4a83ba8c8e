/**
 * One stdio server process as the bridge uses it: spawned with pipes, framed as JSON-RPC lines by the SDK's
 * stdio transport (given the child's stdout to read and stdin to write), ended with SIGTERM then SIGKILL.
 * Children stay in the bridge's process group, so stopping the deployment's group also ends them.
 */
import type { ChildProcess } from 'node:child_process';
import type { JSONRPCMessage } from '@modelcontextprotocol/server';
import { StdioServerTransport } from '@modelcontextprotocol/server/stdio';
import { type StdioCommand, spawnStdio } from './stdio-spawn.js';

export type { StdioCommand } from './stdio-spawn.js';

const KILL_AFTER_MS = 2_000;
const REFILL_DELAY_MS = 500;

export class StdioChild {
  readonly process: ChildProcess;
  private readonly pipe: StdioServerTransport;
  private ended = false;
  onmessage: (message: JSONRPCMessage) => void = () => undefined;
  onexit: () => void = () => undefined;

  /** Wraps a process from `spawnStdio` (possibly spawned a while ago: its output waits in the pipe). */
  constructor(child: ChildProcess) {
    this.process = child;
    if (this.process.stdout === null || this.process.stdin === null) throw new Error('stdio pipes missing');
    this.pipe = new StdioServerTransport(this.process.stdout, this.process.stdin);
    this.pipe.onmessage = (message) => this.onmessage(message);
    this.pipe.onerror = () => undefined; // a broken pipe shows up as the exit below
    this.process.stdin.on('error', () => undefined);
    this.process.on('error', () => this.markEnded());
    this.process.on('exit', () => this.markEnded());
    void this.pipe.start(); // attaches the readers at once: nothing the child writes is missed
    if (child.exitCode !== null || child.signalCode !== null) this.markEnded();
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  get alive(): boolean {
    return !this.ended;
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if (this.ended) throw new Error('the stdio server process has exited');
    await this.pipe.send(message);
  }

  /** Close stdin (the stdio way to ask a server to exit), then SIGTERM, then SIGKILL. */
  end(): void {
    if (this.ended) return;
    this.process.stdin?.end();
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), KILL_AFTER_MS);
    timer.unref();
    this.process.once('exit', () => clearTimeout(timer));
  }

  private markEnded(): void {
    if (this.ended) return;
    this.ended = true;
    void this.pipe.close().catch(() => undefined);
    this.onexit();
  }
}

/**
 * Hands out fresh children, keeping one spawned ahead (a warm spare) so a new session does not wait for a
 * server process to boot. A spare is never used by anyone before it is handed out, and only one holder
 * ever gets it.
 */
export class ChildSource {
  private spare: StdioChild | undefined;
  private closed = false;

  constructor(
    private readonly command: StdioCommand,
    /** Whether one more process fits under the bridge's cap. */
    private readonly room: () => boolean,
    /** A process spawned before the bridge was ready (bridge-main starts one first thing). */
    early?: ChildProcess,
  ) {
    this.spare = early === undefined ? undefined : new StdioChild(early);
  }

  get spareCount(): number {
    return this.spare?.alive === true ? 1 : 0;
  }

  take(): StdioChild {
    const spare = this.spare;
    this.spare = undefined;
    const child = spare?.alive === true ? spare : new StdioChild(spawnStdio(this.command));
    // Refilled once per hand-off (a server that dies at start costs one extra spawn per session, not a
    // loop), and a little later: booting the next spare would compete for CPU with the session's first
    // exchange, which is the one a deploy's health check and a client wait on.
    setTimeout(() => this.refill(), REFILL_DELAY_MS).unref();
    return child;
  }

  refill(): void {
    if (this.closed || this.spare?.alive === true || !this.room()) return;
    this.spare = new StdioChild(spawnStdio(this.command));
  }

  close(): void {
    this.closed = true;
    this.spare?.end();
    this.spare = undefined;
  }
}
