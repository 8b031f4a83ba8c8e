/**
 * The guest's /init (busybox sh, PID 1): mount the kernel filesystems, load the virtio modules, bring the
 * network up with QEMU user networking's fixed addresses, put the console in raw mode without echo (the
 * host's config line must not be printed back into the log), run the loader, and power the VM off when
 * the server ends — with `-no-reboot` that ends QEMU, so a server crash is a VM exit the host sees.
 */
import { CLOCK_FIFO, EXIT_MARKER } from './guest-protocol.js';

export const GUEST_ADDRESS = '10.0.2.15/24';
export const GUEST_GATEWAY = '10.0.2.2';
const SAFE_WORD = /^[A-Za-z0-9._/-]+$/;

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
    // The clock: a restored guest wakes with the snapshot's time. The loader writes the host's time here;
    // a shell forked before the snapshot sets it, so node does not have to spawn a process after restore.
    `mkfifo ${CLOCK_FIFO}`,
    // `date` takes whole seconds: the loader sends the next second and how long until it (µs).
    `(read -r t wait <${CLOCK_FIFO} && usleep "$wait" && date -u -s "@$t" >/dev/null) &`,
    'cd /app',
    `/bin/node /mcpf/loader.mjs ${options.entry} </dev/ttyS0 >/dev/ttyS0 2>&1`,
    `echo "${EXIT_MARKER} $?" >/dev/ttyS0`,
    'reboot -f',
    '',
  ].join('\n');
}
