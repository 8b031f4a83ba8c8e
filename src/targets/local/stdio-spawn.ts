/**
 * Spawning a stdio server process, kept free of SDK imports so the bridge can start its first child
 * before it loads anything heavy (the child boots while the bridge does).
 */
import { type ChildProcess, spawn } from 'node:child_process';

export interface StdioCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export function spawnStdio(spec: StdioCommand): ChildProcess {
  return spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: spec.env,
    // stderr goes straight to the bridge's stderr, i.e. into the deployment's log.
    stdio: ['pipe', 'pipe', 'inherit'],
  });
}
