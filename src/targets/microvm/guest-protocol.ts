/**
 * What the host and the guest say to each other over the VM's serial console (the guest's ttyS0 is the
 * VMM's stdio, held by the launcher). The guest prints marker lines; the host sends one line of JSON.
 * Everything else on the console is log output. Shared by the launcher and the guest loader.
 */

/** The guest printed this when the server's code is loaded and it waits for its config (snapshot point). */
export const READY_MARKER = 'mcpf:ready-for-config';
/** Printed by the guest's init when the server process ended (the VM powers off next). */
export const EXIT_MARKER = 'mcpf:server-exited';

/** A FIFO in the guest: the loader writes the host's time to it, init's helper sets the clock. */
export const CLOCK_FIFO = '/run/mcpf-clock';

/** The one line the host sends after boot or restore. Held only in memory on both sides. */
export interface GuestConfig {
  /** The artifact's declared env vars (from the launcher's environment) plus MCP_TRANSPORT/HOST/PORT. */
  readonly env: Readonly<Record<string, string>>;
  /** Arguments for the server entry (`--transport http --host 0.0.0.0 --port N`). */
  readonly args: readonly string[];
  /** Fresh random bytes (base64) mixed into the guest kernel's pool: clones of one snapshot diverge. */
  readonly seed: string;
  /** Host time (ms since epoch): a restored guest's clock is the snapshot's. */
  readonly time: number;
}

export function encodeConfig(config: GuestConfig): string {
  return `${JSON.stringify(config)}\n`;
}

export function parseConfig(line: string): GuestConfig {
  const value = JSON.parse(line) as Partial<GuestConfig>;
  if (
    typeof value.env !== 'object' ||
    value.env === null ||
    !Array.isArray(value.args) ||
    typeof value.seed !== 'string' ||
    typeof value.time !== 'number'
  ) {
    throw new Error('malformed guest config');
  }
  return value as GuestConfig;
}
