/**
 * vm.json: what the launcher of one microVM deployment boots, written by the target next to the
 * supervisor's files. Paths of cached artifacts and limits — never an env value (only their names).
 */
import type { Accelerator, SnapshotFiles } from './vmm.js';

export interface VmConfig {
  readonly name: string;
  readonly version: string;
  readonly vmm: 'qemu';
  /** The QEMU executable (a path, or a name looked up on PATH). */
  readonly qemuBinary: string;
  readonly kernel: string;
  readonly kernelId: string;
  readonly initrd: string;
  readonly accelerator: Accelerator;
  /** Why this accelerator (the KVM probe's verdict), for the log. */
  readonly acceleratorReason: string;
  readonly memoryMb: number;
  readonly vcpus: number;
  /** The server's port inside the guest (artifact.image.port). */
  readonly guestPort: number;
  readonly outbound: boolean;
  /** The golden snapshot to restore; absent: boot cold every time. */
  readonly snapshot?: SnapshotFiles;
  /** The env vars the launcher passes into the guest, by name. */
  readonly envNames: readonly string[];
}
