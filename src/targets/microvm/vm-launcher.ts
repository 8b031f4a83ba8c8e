/**
 * One run of a microVM deployment, inside the process the local supervisor starts as the "server"
 * (vm-launcher-main.ts): restore the golden snapshot (or boot cold), hand the guest its config over the
 * console, copy the console to stdout (the supervisor's log, i.e. mcp-logs) and end with the VM. The VM
 * ending on its own is a crash: the launcher exits non-zero so the supervisor's restart policy applies.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { controlDir } from './control-dir.js';
import { EXIT_MARKER, encodeConfig, type GuestConfig, READY_MARKER } from './guest-protocol.js';
import type { VmConfig } from './vm-config.js';
import type { RunningVm, VmExit, VmmDriver, VmSpec } from './vmm.js';

export interface LaunchOptions {
  readonly config: VmConfig;
  readonly deploymentDir: string;
  /** 127.0.0.1 port the supervisor health-checks: forwarded to the guest's server port. */
  readonly hostPort: number;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly driver: VmmDriver;
  readonly log: (line: string) => void;
}

export interface Launched {
  readonly vm: RunningVm;
  /** Resolves with the VM's exit once it ends, however. */
  readonly exited: Promise<VmExit>;
  stop(): Promise<void>;
}

export async function launchVm(options: LaunchOptions): Promise<Launched> {
  const { config, log } = options;
  const control = controlDir(options.deploymentDir);
  const spec = vmSpec(config, options.hostPort, control.dir);
  const snapshot = config.snapshot;
  const restoring = snapshot !== undefined && existsSync(snapshot.ram) && existsSync(snapshot.state);
  if (snapshot !== undefined && !restoring) log('[microvm] the warm snapshot is gone: booting cold');
  log(
    `[microvm] ${restoring ? 'restoring snapshot' : 'cold boot'}: ${config.vmm}, accelerator ${config.accelerator} (${config.acceleratorReason}), ${config.memoryMb} MB, ${config.vcpus} vCPU`,
  );
  const started = performance.now();
  const sendConfig = () => vm.send(encodeConfig(buildGuestConfig(config, options.env)));
  let vm: RunningVm;
  try {
    vm = restoring ? await options.driver.restore(spec, snapshot) : await options.driver.bootCold(spec);
  } catch (error) {
    control.release();
    throw error;
  }
  vm.onConsoleLine((line) => {
    if (line === READY_MARKER) {
      if (!restoring) sendConfig(); // a restored guest printed its marker before the snapshot
      log(`[microvm] guest ready after ${Math.round(performance.now() - started)} ms`);
    } else if (line.startsWith(EXIT_MARKER)) {
      log(`[microvm] the server inside the VM exited (status ${line.slice(EXIT_MARKER.length).trim()})`);
    } else {
      log(line);
    }
  });
  if (restoring) {
    sendConfig();
    log(`[microvm] restored in ${Math.round(performance.now() - started)} ms`);
  }
  const exited = vm.exited.finally(() => control.release());
  return { vm, exited, stop: async () => void (await vm.kill()) };
}

function vmSpec(config: VmConfig, hostPort: number, controlDir: string): VmSpec {
  const { kernel, initrd, memoryMb, vcpus, accelerator, guestPort, outbound } = config;
  return { kernel, initrd, memoryMb, vcpus, accelerator, hostPort, guestPort, outbound, controlDir };
}

/** Only the artifact's declared variables leave the host, plus where the server listens in the guest. */
export function buildGuestConfig(
  config: VmConfig,
  env: Readonly<Record<string, string | undefined>>,
): GuestConfig {
  const values: Record<string, string> = {};
  for (const name of config.envNames) {
    const value = env[name];
    if (value !== undefined) values[name] = value;
  }
  const port = String(config.guestPort);
  Object.assign(values, { MCP_TRANSPORT: 'http', MCP_HOST: '0.0.0.0', MCP_PORT: port });
  return {
    env: values,
    args: ['--transport', 'http', '--host', '0.0.0.0', '--port', port],
    seed: randomBytes(64).toString('base64'),
    time: Date.now(),
  };
}
