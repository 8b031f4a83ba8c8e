/**
 * The golden snapshot of one server version: boot cold with guest RAM in a file, wait until the guest
 * loader says the server's code is loaded and primed and it waits for its config (no secret in memory
 * yet), then save the device state. Built once per (version, kernel, memory, vCPUs, accelerator), in a
 * temp folder renamed into place.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { FactoryError } from '../../errors.js';
import { freePort } from '../local/free-port.js';
import { buildOnce } from './atomic-build.js';
import { controlDir } from './control-dir.js';
import { READY_MARKER } from './guest-protocol.js';
import { controlSocket } from './qemu-driver.js';
import type { RunningVm, SnapshotFiles, VmmDriver, VmSpec } from './vmm.js';

const BOOT_TIMEOUT_MS = 180_000;

export type SnapshotSpec = Omit<VmSpec, 'hostPort' | 'controlDir' | 'outbound'>;

/** One snapshot per initramfs build (which names its kernel), memory size, vCPU count and accelerator. */
export function snapshotKey(spec: SnapshotSpec, buildId: string): string {
  return `${buildId}-${spec.memoryMb}m-${spec.vcpus}c-${spec.accelerator}`;
}

export async function ensureGoldenSnapshot(
  dir: string,
  spec: SnapshotSpec,
  driver: VmmDriver,
  progress: (message: string) => void,
): Promise<SnapshotFiles> {
  const files = (root: string): SnapshotFiles => ({ ram: join(root, 'ram'), state: join(root, 'state') });
  await buildOnce(dir, async (temp) => {
    progress(`booting the microVM to take its warm snapshot (${spec.accelerator})`);
    const control = controlDir(temp);
    try {
      const full = { ...spec, hostPort: await freePort(), outbound: false, controlDir: control.dir };
      const vm = await driver.bootCold(full, { ramFile: files(temp).ram });
      try {
        await waitReady(vm);
        await driver.snapshot(vm, files(temp));
      } finally {
        await vm.kill();
      }
    } finally {
      control.release();
      rmSync(controlSocket(temp), { force: true });
    }
  });
  return files(dir);
}

function waitReady(vm: RunningVm): Promise<void> {
  return new Promise((resolve, reject) => {
    const tail: string[] = [];
    const fail = (why: string) =>
      reject(
        new FactoryError('RUNTIME_FAILED', `the microVM did not get ready for its snapshot: ${why}`, {
          details: { consoleTail: tail },
          hint: 'the console output is in details.consoleTail',
        }),
      );
    const timer = setTimeout(
      () => fail(`no ready marker within ${BOOT_TIMEOUT_MS / 1000} s`),
      BOOT_TIMEOUT_MS,
    );
    vm.onConsoleLine((line) => {
      tail.push(line);
      if (tail.length > 30) tail.shift();
      if (line !== READY_MARKER) return;
      clearTimeout(timer);
      resolve();
    });
    void vm.exited.then((exit) => {
      clearTimeout(timer);
      fail(`the VM exited (code ${exit.code ?? exit.signal})`);
    });
  });
}
