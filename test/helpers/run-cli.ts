/** Runs the CLI in-process with captured output, as a user would type the command. */
import { runCli } from '../../src/cli/main.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json<T = Record<string, unknown>>(): T;
}

export interface CliOptions {
  readonly cwd: string;
  readonly env: Record<string, string | undefined>;
  readonly signal?: AbortSignal;
  /** Sees stdout as it is written (for commands that stream, like `deploy --watch`). */
  readonly onStdout?: (text: string) => void;
}

export async function cli(argv: readonly string[], options: CliOptions): Promise<CliRun> {
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
