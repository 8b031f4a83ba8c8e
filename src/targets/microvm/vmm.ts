/**
 * What a VMM driver does for the microvm target, given the same artifacts — an uncompressed kernel and an
 * initramfs — whatever the VMM: boot cold, take a snapshot of a booted guest, restore a clone from one,
 * and give the guest's console as lines plus a way to write to it. QEMU (`-M microvm`) is the only
 * driver (qemu-driver.ts). A Firecracker driver could share the kernel and initramfs unchanged (it boots
 * an ELF vmlinux with an initrd, has a serial console and snapshot/restore), but Firecracker is in
 * neither Debian nor npm and would need a PVM guest kernel on these machines' nested KVM, so none is
 * written here: nothing untested is claimed.
 */

export type Accelerator = 'kvm' | 'tcg';

export interface VmSpec {
  readonly kernel: string;
  readonly initrd: string;
  readonly memoryMb: number;
  readonly vcpus: number;
  readonly accelerator: Accelerator;
  /** 127.0.0.1:hostPort on the host forwards to guestPort in the guest; nothing else is reachable. */
  readonly hostPort: number;
  readonly guestPort: number;
  /** Let the guest open outbound connections through the VMM's NAT. */
  readonly outbound: boolean;
  /** A private folder (0700) for the control socket. */
  readonly controlDir: string;
}

/** A snapshot: guest RAM as a file plus the device state. */
export interface SnapshotFiles {
  readonly ram: string;
  readonly state: string;
}

export interface VmExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface RunningVm {
  readonly pid: number | undefined;
  /** Every console line the guest prints, in order. */
  onConsoleLine(listener: (line: string) => void): void;
  /** Writes to the guest's console input. */
  send(text: string): void;
  readonly exited: Promise<VmExit>;
  /** Ends the VM (no guest shutdown: nothing in it outlives the VM anyway). */
  kill(): Promise<VmExit>;
}

export interface VmmDriver {
  readonly name: string;
  /** Boots from the kernel; with `ramFile`, guest RAM is that (shared) file so a snapshot can be taken. */
  bootCold(spec: VmSpec, options?: { readonly ramFile?: string }): Promise<RunningVm>;
  /** Pauses a VM booted with a ramFile and writes its device state to `files.state`; the VM stays paused. */
  snapshot(vm: RunningVm, files: SnapshotFiles): Promise<void>;
  /** A running clone of the snapshot; the snapshot's RAM file is mapped copy-on-write, never written. */
  restore(spec: VmSpec, files: SnapshotFiles): Promise<RunningVm>;
}
