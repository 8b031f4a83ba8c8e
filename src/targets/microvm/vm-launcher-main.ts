/**
 * Process entry of a microVM deployment's "server": `node vm-launcher-main.js <deployment dir>
 * --transport http --host 127.0.0.1 --port P` (the local supervisor appends the address). It runs one VM
 * (vm-launcher.ts) and exits with it: 0 when stopped by a signal, 1 when the VM ended on its own.
 */
import { readJsonFile } from '../local/state-file.js';
import { vmConfigFile } from './paths.js';
import { QemuDriver } from './qemu-driver.js';
import type { VmConfig } from './vm-config.js';
import { launchVm } from './vm-launcher.js';

async function main(argv: readonly string[]): Promise<number> {
  const dir = argv[0];
  const portIndex = argv.indexOf('--port');
  const port = Number(portIndex < 0 ? Number.NaN : argv[portIndex + 1]);
  if (dir === undefined || !Number.isInteger(port)) {
    process.stderr.write('usage: vm-launcher-main <deployment dir> --port <port>\n');
    return 2;
  }
  const config = readJsonFile<VmConfig>(vmConfigFile(dir));
  if (config === undefined) {
    process.stderr.write(`no vm.json in ${dir}\n`);
    return 2;
  }
  const log = (line: string) => process.stdout.write(`${line}\n`);
  let launched: Awaited<ReturnType<typeof launchVm>>;
  try {
    launched = await launchVm({
      config,
      deploymentDir: dir,
      hostPort: port,
      env: process.env,
      driver: new QemuDriver(config.qemuBinary),
      log,
    });
  } catch (error) {
    log(`[microvm] could not start the VM: ${(error as Error).message}`);
    return 1;
  }
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.on(signal, () => {
      stopping = true;
      void launched.stop();
    });
  }
  const exit = await launched.exited;
  if (stopping) return 0;
  log(`[microvm] the VM ended (qemu ${exit.signal ?? `exit code ${exit.code}`})`);
  return 1;
}

process.exitCode = await main(process.argv.slice(2));
