/**
 * KVM or TCG. /dev/kvm being there is not enough: on a nested PVM host an ordinary kernel dies under KVM
 * with an emulation failure. So KVM is chosen only when a probe boot of the guest kernel under it prints
 * its marker; the verdict is cached per guest kernel and host kernel release. Otherwise TCG (software
 * emulation), which always works, ≈10× slower.
 */
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { release, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '../local/free-port.js';
import { readJsonFile, writeJsonAtomic } from '../local/state-file.js';
import { CpioArchive } from './cpio-archive.js';
import { findBusybox } from './initramfs.js';
import type { GuestKernel } from './kernel.js';
import { acceleratorFile } from './paths.js';
import type { Accelerator, VmmDriver } from './vmm.js';

export interface AcceleratorChoice {
  readonly accelerator: Accelerator;
  /** Why, in words (for the log). */
  readonly reason: string;
  readonly hostRelease: string;
}

const PROBE_MARKER = 'mcpf:probe-ok';
/** A KVM boot to init takes about a second; a guest stuck under PVM prints nothing at all. */
const PROBE_TIMEOUT_MS = 8_000;

export async function chooseAccelerator(
  cache: string,
  kernel: GuestKernel,
  driver: VmmDriver,
  progress: (message: string) => void,
): Promise<AcceleratorChoice> {
  const hostRelease = release();
  if (!kvmUsable()) return { accelerator: 'tcg', reason: '/dev/kvm is not usable', hostRelease };
  const file = acceleratorFile(cache, kernel.id);
  const cached = readJsonFile<AcceleratorChoice>(file);
  if (cached?.hostRelease === hostRelease) return cached;
  progress('probing KVM with the guest kernel');
  const verdict = await probeKvm(kernel, driver);
  const choice: AcceleratorChoice = verdict.ok
    ? { accelerator: 'kvm', reason: 'KVM probe boot succeeded', hostRelease }
    : { accelerator: 'tcg', reason: `KVM probe boot failed (${verdict.detail}): using TCG`, hostRelease };
  mkdirSync(dirname(file), { recursive: true });
  writeJsonAtomic(file, choice);
  return choice;
}

function kvmUsable(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

async function probeKvm(kernel: GuestKernel, driver: VmmDriver): Promise<{ ok: boolean; detail: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'mcpf-kvm-probe-'));
  try {
    const initrd = join(dir, 'probe.cpio');
    const archive = new CpioArchive(initrd);
    archive.copy('bin/busybox', findBusybox(), 0o755);
    archive.file(
      'init',
      `#!/bin/busybox sh\n/bin/busybox echo ${PROBE_MARKER}\n/bin/busybox reboot -f\n`,
      0o755,
    );
    archive.close();
    const spec = {
      kernel: kernel.vmlinux,
      initrd,
      memoryMb: 128,
      vcpus: 1,
      accelerator: 'kvm' as const,
      hostPort: await freePort(),
      guestPort: 1,
      outbound: false,
      controlDir: dir,
    };
    const vm = await driver.bootCold(spec);
    let last = `no console output within ${PROBE_TIMEOUT_MS / 1000} s`;
    const seen = new Promise<boolean>((resolve) => {
      vm.onConsoleLine((line) => {
        if (line.trim() !== '') last = line.trim();
        if (line.includes(PROBE_MARKER)) resolve(true);
      });
      void vm.exited.then(() => resolve(false));
      setTimeout(() => resolve(false), PROBE_TIMEOUT_MS).unref();
    });
    const ok = await seen;
    const detail = ok ? 'ok' : last.slice(0, 200);
    await vm.kill();
    return { ok, detail };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
