/** Runs the CLI in-process with captured output, as a user would type the command. */
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json<T = Record<string, unknown>>(): T;
}

export async function cli(
  argv: readonly string[],
  options: { cwd: string; env: Record<string, string | undefined> },
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    stdout: (t) => {
      out.push(t);
      options.onStdout?.(t);
    },
    stderr: (t) => err.push(t),
    isTTY: false,
    cwd: options.cwd,
    env: options.env,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const stdout = out.join('');
  return { code, stdout, stderr: err.join(''), json: <T>() => JSON.parse(stdout) as T };
}
