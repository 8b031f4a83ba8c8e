/**
 * Runs inside the guest as `node /mcpf/loader.mjs /app/<entry>` (bundled into the initramfs on its own;
 * only Node built-ins). It imports the server bundle first — the module graph is the slow part under
 * emulation — while the runtime's start gate holds startServer back, then prints the ready marker and
 * waits for the host's config line on the console. The golden snapshot is taken right there, so a
 * restored clone only has to read its config and listen. Nothing secret is in memory before the config
 * arrives, so the snapshot holds none. A bundle without the gate gets its config before it is imported.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { CLOCK_FIFO, type GuestConfig, parseConfig, READY_MARKER } from './guest-protocol.js';

const GATE = Symbol.for('mcp-factory.start-gate');
/** Any time after 2001 means the helper has set the host's time (the golden boot runs in 1970). */
const CLOCK_SET_AFTER_MS = 1e12;
const CLOCK_WAIT_MS = 2_000;

async function main(entry: string): Promise<void> {
  const url = pathToFileURL(entry).href;
  if (!readFileSync(entry, 'utf8').includes('mcp-factory.start-gate')) {
    apply(await announceAndRead(), entry);
    await import(url);
    return;
  }
  let open: () => void = () => undefined;
  const reached = new Promise<void>((resolve) => {
    // A thenable: startServer's `await gate` calls then(), which tells us the imports are done.
    (globalThis as Record<symbol, unknown>)[GATE] = {
      // biome-ignore lint/suspicious/noThenProperty: a thenable on purpose, see above
      then(onOpen: () => void) {
        open = onOpen;
        resolve();
      },
    };
  });
  const imported = import(url);
  await Promise.race([reached, imported]);
  apply(await announceAndRead(), entry);
  open();
  await imported;
}

/** When the config line arrived (performance.now()), for the timing line apply() prints. */
let readAt = 0;

async function announceAndRead(): Promise<GuestConfig> {
  process.stdout.write(`\n${READY_MARKER}\n`);
  const line = readLine();
  readAt = performance.now();
  return parseConfig(line);
}

/**
 * The console is in raw mode without echo (init's stty): nothing typed is printed back. A blocking read
 * of the console, not a stdin stream: after a restore every guest instruction run for the first time is
 * translated anew under TCG, and a read(2) loop runs far less code than libuv + a stream's 'data' path.
 */
function readLine(): string {
  // A fresh open of the console: node may have made fd 0's file description non-blocking.
  const tty = openSync('/proc/self/fd/0', 'r');
  try {
    return readLineFrom(tty);
  } finally {
    closeSync(tty);
  }
}

function readLineFrom(fd: number): string {
  const chunk = Buffer.alloc(64 * 1024);
  let buffered = '';
  for (;;) {
    const count = readSync(fd, chunk, 0, chunk.length, null);
    if (count === 0) throw new Error('the console closed before the config arrived');
    buffered += chunk.toString('utf8', 0, count);
    const end = buffered.indexOf('\n');
    if (end >= 0) return buffered.slice(0, end).replace(/\r$/, '');
  }
}

function apply(config: GuestConfig, entry: string): void {
  const started = performance.now();
  // The clock first: init's helper sets it (a fork, slow under TCG) while this process reseeds.
  writeFileSync(CLOCK_FIFO, clockLine(config.time));
  writeFileSync('/dev/urandom', Buffer.from(config.seed, 'base64'));
  reseedKernelRng();
  const reseeded = performance.now();
  waitForClock(started);
  appliedLine({ parse: started - readAt, reseed: reseeded - started, clock: performance.now() - reseeded });
  Object.assign(process.env, config.env);
  process.argv = [process.argv[0] ?? 'node', entry, ...config.args];
}

/**
 * The server's log format, debug level: where the time after a restore went (ms since the line came), and
 * `randomness`, fingerprints of bytes drawn now from node's OpenSSL generator and from the kernel's, then
 * discarded (they tell nothing of what the server draws later), so the host can check that clones of one
 * snapshot share neither random state.
 */
function appliedLine(phases: Record<string, number>): void {
  const ms = Object.fromEntries(Object.entries(phases).map(([name, value]) => [name, Math.round(value)]));
  const randomness = { openssl: fingerprint(randomBytes(16)), kernel: fingerprint(kernelRandom(16)) };
  const line = {
    time: new Date().toISOString(),
    level: 'debug',
    msg: 'microvm config applied',
    ms,
    randomness,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function fingerprint(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** Bytes from the kernel's CRNG (a read of /dev/urandom, which never blocks once the CRNG is ready). */
function kernelRandom(length: number): Buffer {
  const buffer = Buffer.alloc(length);
  const fd = openSync('/dev/urandom', 'r');
  try {
    readSync(fd, buffer, 0, length, null);
  } finally {
    closeSync(fd);
  }
  return buffer;
}

/** A suspend test cycle (init set pm_test=freezer, no delay): the kernel reseeds its CRNG on resume. */
function reseedKernelRng(): void {
  try {
    writeFileSync('/sys/power/state', 'freeze');
  } catch {
    // no PM_DEBUG in this kernel: the seed stays mixed into the pool for the next regular reseed
  }
}

/**
 * Blocks until init's helper has set the clock: nothing may draw randomness before it, since OpenSSL's
 * reseed after restore is triggered by the clock leaving 1970 (guest-init.ts).
 */
function waitForClock(since: number): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() < CLOCK_SET_AFTER_MS && performance.now() - since < CLOCK_WAIT_MS) {
    Atomics.wait(pause, 0, 0, 2);
  }
}

/** "<whole second now> <next whole second> <µs until then>" for init's clock helper. */
function clockLine(hostMs: number): string {
  const next = Math.ceil((hostMs + 1) / 1000) * 1000;
  return `${next / 1000 - 1} ${next / 1000} ${Math.round((next - hostMs) * 1000)}\n`;
}

const entry = process.argv[2];
if (entry === undefined) {
  process.stderr.write('usage: loader.mjs <server entry>\n');
  process.exitCode = 2;
} else {
  await main(entry);
}
