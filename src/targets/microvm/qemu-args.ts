/**
 * The QEMU command line of a microVM: `-M microvm` (no PCI, no firmware: PVH direct kernel boot), the
 * console on stdio, user networking with one forwarded port, a virtio RNG (host entropy for the guest
 * kernel, also after a restore), `-no-reboot` so a guest that powers off ends QEMU. Snapshot and
 * restore use the same line plus the RAM file (shared for the golden boot, private for clones); a clone's
 * port forward is added once it runs.
 */
import { readFileSync } from 'node:fs';
import { INTERPRETER_ONLY_ARG } from './guest-init.js';
import type { VmSpec } from './vmm.js';

export const QEMU_BINARY = 'qemu-system-x86_64';

export interface RamBacking {
  readonly path: string;
  /** true: guest writes land in the file (golden boot); false: copy-on-write private mapping (clones). */
  readonly shared: boolean;
}

export function qemuArgs(
  spec: VmSpec,
  controlSocket: string,
  options: { ram?: RamBacking; incoming?: boolean } = {},
): string[] {
  // A restored clone gets its forward over QMP once it runs (portForward): until then its port refuses,
  // rather than accepting connections whose SYN the paused guest drops (a client then waits for the
  // TCP retransmit, ≈1 s and more).
  const forward = options.incoming === true ? '' : `,${portForward(spec)}`;
  const netdev = `user,id=n0${spec.outbound ? '' : ',restrict=on'}${forward}`;
  const args = [
    ...['-M', 'microvm,x-option-roms=off,rtc=on', '-accel', spec.accelerator],
    ...['-cpu', spec.accelerator === 'kvm' ? 'host' : 'max'],
    ...['-m', `${spec.memoryMb}M`, '-smp', String(spec.vcpus)],
    ...['-nodefaults', '-no-user-config', '-display', 'none', '-no-reboot'],
    ...['-chardev', 'stdio,id=con,signal=off', '-serial', 'chardev:con'],
    ...['-kernel', spec.kernel, '-initrd', spec.initrd, '-append', kernelCommandLine(spec)],
    ...['-netdev', netdev, '-device', 'virtio-net-device,netdev=n0'],
    ...['-device', 'virtio-rng-device'],
    ...['-qmp', `unix:${controlSocket},server=on,wait=off`],
  ];
  if (options.ram !== undefined) {
    const share = options.ram.shared ? 'on' : 'off';
    const backend = `memory-backend-file,id=mem,size=${spec.memoryMb}M,mem-path=${options.ram.path},share=${share}`;
    args.push('-object', backend, '-machine', 'memory-backend=mem');
  }
  if (options.incoming === true) args.push('-incoming', 'defer');
  return args;
}

/** The loopback port forwarded to the guest's server port (`hostfwd_add` takes the same words). */
export function portForward(spec: Pick<VmSpec, 'hostPort' | 'guestPort'>): string {
  return `hostfwd=tcp:127.0.0.1:${spec.hostPort}-:${spec.guestPort}`;
}

function kernelCommandLine(spec: VmSpec): string {
  // ramfs: the default tmpfs root is capped at half the RAM, too small for node at 256 MB.
  const words = [
    'console=ttyS0',
    'quiet',
    'panic=-1',
    'random.trust_cpu=on',
    'rdinit=/init',
    'rootfstype=ramfs',
  ];
  // Under emulation the TSC calibration can hang the boot: tell the kernel the frequency instead.
  const khz = spec.accelerator === 'tcg' ? hostCpuKhz() : undefined;
  if (khz !== undefined) words.push(`tsc_early_khz=${khz}`);
  if (spec.accelerator === 'tcg') words.push(INTERPRETER_ONLY_ARG);
  return words.join(' ');
}

function hostCpuKhz(): number | undefined {
  try {
    const mhz = /cpu MHz\s*:\s*([\d.]+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1];
    return mhz === undefined ? undefined : Math.round(Number(mhz)) * 1000; // stable across reads
  } catch {
    return undefined;
  }
}

/** Paths on QEMU's command line are comma-separated option values: a comma would split them. */
export function assertQemuSafePath(path: string): void {
  if (/[,\s'"\\]/.test(path)) throw new Error(`path not usable on the QEMU command line: ${path}`);
}
