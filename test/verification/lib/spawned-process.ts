import { type ChildProcess, spawn } from 'node:child_process';
import type { Launch } from './server-under-test.js';

const OUTPUT_LIMIT = 64 * 1024;

/** A child process with its recent output kept for error messages, and a stop that always reaps it. */
export interface SpawnedProcess {
  readonly child: ChildProcess;
  /** The last 64 KiB of stdout + stderr. */
  output(): string;
  /** Resolves once the process has exited (SIGTERM, then SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
  readonly exited: Promise<number | null>;
}

/** `stdin: 'pipe'` keeps the process's stdin open (a stdio server ends when its stdin does). */
export function spawnLaunch(
  launch: Launch,
  extraEnv: Record<string, string> = {},
  stdin: 'ignore' | 'pipe' = 'ignore',
): SpawnedProcess {
  const child = spawn(launch.command, [...launch.args], {
    cwd: launch.cwd,
    env: { ...process.env, ...launch.env, ...extraEnv },
    stdio: [stdin, 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (error) => {
      keep(Buffer.from(`spawn failed: ${error.message}\n`));
      resolve(null);
    });
  });
  return {
    child,
    output: () => output,
    exited,
    stop: (graceMs = 3000) => stopProcess(child, exited, graceMs),
  };
}

async function stopProcess(child: ChildProcess, exited: Promise<unknown>, graceMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
