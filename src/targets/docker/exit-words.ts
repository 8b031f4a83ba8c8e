/** An exit code in words: with an init process, a server killed by signal N exits with 128 + N. */

const SIGNALS: Record<number, string> = {
  1: 'SIGHUP',
  2: 'SIGINT',
  6: 'SIGABRT',
  9: 'SIGKILL',
  11: 'SIGSEGV',
  12: 'SIGUSR2',
  15: 'SIGTERM',
};

export function signalOf(code: number): string | null {
  return code > 128 && code < 160 ? (SIGNALS[code - 128] ?? `signal ${code - 128}`) : null;
}
