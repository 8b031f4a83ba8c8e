/**
 * The guest's /init (busybox sh, PID 1): mount the kernel filesystems, load the virtio modules, bring the
 * network up with QEMU user networking's fixed addresses, put the console in raw mode without echo (the
 * host's config line must not be printed back into the log), run the loader, and power the VM off when
 * the server ends — with `-no-reboot` that ends QEMU, so a server crash is a VM exit the host sees.
 */
import { CLOCK_FIFO, EXIT_MARKER } from './guest-protocol.js';

/** Seconds since the epoch the guest's clock shows until the host's time arrives (see below). */
export const GOLDEN_CLOCK = 86_400;
export const GUEST_ADDRESS = '10.0.2.15/24';
export const GUEST_GATEWAY = '10.0.2.2';
const SAFE_WORD = /^[A-Za-z0-9._/-]+$/;
/**
 * Under TCG only (the host says so with INTERPRETER_ONLY_ARG on the kernel command line): V8's interpreter
 * only, no machine code compiled per function (Sparkplug, TurboFan). Every guest instruction run for the
 * first time after a restore is translated anew, and the interpreter's handlers are a small shared set,
 * while each JIT-compiled function is new code. Measured on the notes server, 1 vCPU: restore→healthy
 * ≈1.65 s → ≈1.45 s, and warm tools/list round trips faster too. Under KVM the JIT stays on.
 */
export const NODE_FLAGS = '--no-sparkplug --no-opt';
export const INTERPRETER_ONLY_ARG = 'mcpf.interpreter_only';

export interface GuestInitOptions {
  /** Module file names under /lib/mcpf-modules, in load order. */
  readonly modules: readonly string[];
  /** Absolute path of the server entry inside the guest, e.g. /app/dist/server.mjs. */
  readonly entry: string;
}

export function guestInit(options: GuestInitOptions): string {
  for (const word of [...options.modules, options.entry]) {
    if (!SAFE_WORD.test(word)) throw new Error(`unsafe path in the guest init: ${word}`);
  }
  const insmod = options.modules.map((module) => `insmod /lib/mcpf-modules/${module}`);
  return [
    '#!/bin/busybox sh',
    '/bin/busybox --install -s /bin',
    'export PATH=/bin HOME=/root NODE_ENV=production',
    'mount -t proc proc /proc',
    'mount -t sysfs sys /sys',
    'mount -t devtmpfs dev /dev',
    'mkdir -p /dev/pts /dev/shm /tmp /run',
    ...insmod,
    'i=0; while [ ! -e /sys/class/net/eth0 ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done',
    'ip link set lo up',
    `ip addr add ${GUEST_ADDRESS} dev eth0`,
    'ip link set eth0 up',
    `ip route add default via ${GUEST_GATEWAY}`,
    'stty -F /dev/ttyS0 raw -echo',
    // The clock: a restored guest wakes with the snapshot's time. The loader writes the host's time to a
    // FIFO read by a shell forked before the snapshot (no process spawn after restore): whole seconds at
    // once (busybox date has no fractions), then the next second on the dot.
    `mkfifo ${CLOCK_FIFO}`,
    `(read -r now next wait <${CLOCK_FIFO} && date -u -s "@$now" >/dev/null && usleep "$wait" && date -u -s "@$next" >/dev/null) &`,
    // Randomness of clones: the golden boot runs at a 1970 clock so that every OpenSSL DRBG in node finds
    // its seed decades old after restore and reseeds from the kernel; the kernel's CRNG is reseeded by a
    // suspend test cycle (PM notifiers reseed it on resume) that the loader runs after mixing in the
    // host's seed. Both are best effort: kernels without PM_DEBUG keep the seed in the pool only.
    `date -u -s "@${GOLDEN_CLOCK}" >/dev/null`,
    'echo 0 >/sys/module/suspend/parameters/pm_test_delay 2>/dev/null',
    'echo freezer >/sys/power/pm_test 2>/dev/null',
    'cd /app',
    `case " $(cat /proc/cmdline) " in *" ${INTERPRETER_ONLY_ARG} "*) NODE_FLAGS="${NODE_FLAGS}" ;; *) NODE_FLAGS= ;; esac`,
    `/bin/node $NODE_FLAGS /mcpf/loader.mjs ${options.entry} </dev/ttyS0 >/dev/ttyS0 2>&1`,
    `echo "${EXIT_MARKER} $?" >/dev/ttyS0`,
    'reboot -f',
    '',
  ].join('\n');
}
