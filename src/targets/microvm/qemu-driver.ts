/**
 * The QEMU driver of the VMM interface. Golden snapshot: boot with RAM in a shared file, QMP
 * `x-ignore-shared` + `stop` + `migrate exec:cat > state` (the RAM file is the snapshot's RAM, only the
 * ≈60 KB of device state is written). Restore: the same command line plus `-incoming defer`, the RAM file
 * mapped privately (copy-on-write: no copy, the golden file is never written, several clones share its
 * pages), `migrate-incoming`, `cont`, then the port forward (only a running guest answers on it).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { assertQemuSafePath, portForward, QEMU_BINARY, qemuArgs, type RamBacking } from './qemu-args.js';
import { QmpClient } from './qmp-client.js';
import type { RunningVm, SnapshotFiles, VmExit, VmmDriver, VmSpec } from './vmm.js';

const MIGRATION_TIMEOUT_MS = 60_000;
/** QEMU ends at once on SIGTERM; SIGKILL only if it hangs. */
const KILL_AFTER_MS = 3_000;

export class QemuDriver implements VmmDriver {
  readonly name = 'qemu';

  constructor(private readonly binary: string = QEMU_BINARY) {}

  async bootCold(spec: VmSpec, options: { readonly ramFile?: string } = {}): Promise<RunningVm> {
    const ram = options.ramFile === undefined ? undefined : { path: options.ramFile, shared: true };
    return this.launch(spec, ram, false);
  }

  async snapshot(vm: RunningVm, files: SnapshotFiles): Promise<void> {
    const qmp = await QmpClient.connect(controlSocket(specOf(vm).controlDir));
    try {
      await qmp.execute('migrate-set-capabilities', ignoreShared);
      await qmp.execute('stop');
      await qmp.execute('migrate', { uri: `exec:cat > ${shellQuote(files.state)}` });
      await waitMigration(qmp, 'query-migrate');
    } finally {
      qmp.close();
    }
  }

  async restore(spec: VmSpec, files: SnapshotFiles): Promise<RunningVm> {
    const vm = await this.launch(spec, { path: files.ram, shared: false }, true);
    try {
      const qmp = await QmpClient.connect(controlSocket(spec.controlDir));
      try {
        await qmp.execute('migrate-set-capabilities', ignoreShared);
        await qmp.execute('migrate-incoming', { uri: `exec:cat ${shellQuote(files.state)}` });
        await waitMigration(qmp, 'query-migrate');
        await qmp.execute('cont');
        await addPortForward(qmp, spec);
      } finally {
        qmp.close();
      }
    } catch (error) {
      await vm.kill();
      throw error;
    }
    return vm;
  }

  private async launch(spec: VmSpec, ram: RamBacking | undefined, incoming: boolean): Promise<RunningVm> {
    for (const path of [spec.kernel, spec.initrd, spec.controlDir, ram?.path ?? '']) assertQemuSafePath(path);
    const args = qemuArgs(spec, controlSocket(spec.controlDir), {
      ...(ram === undefined ? {} : { ram }),
      incoming,
    });
    const child = spawn(this.binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const vm = new QemuVm(child, spec);
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    return vm;
  }
}

const ignoreShared = { capabilities: [{ capability: 'x-ignore-shared', state: true }] };

class QemuVm implements RunningVm {
  readonly exited: Promise<VmExit>;
  private readonly listeners: Array<(line: string) => void> = [];
  private readonly early: string[] = [];

  constructor(
    private readonly child: ChildProcess,
    readonly spec: VmSpec,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.once('error', () => undefined);
    lines(child.stdout, (line) => this.emit(line));
    lines(child.stderr, (line) => this.emit(`qemu: ${line}`));
    child.stdin?.on('error', () => undefined); // the VM may be gone while we write
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  onConsoleLine(listener: (line: string) => void): void {
    this.listeners.push(listener);
    for (const line of this.early.splice(0)) listener(line);
  }

  send(text: string): void {
    this.child.stdin?.write(text);
  }

  async kill(): Promise<VmExit> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGTERM');
      const timer = setTimeout(() => this.child.kill('SIGKILL'), KILL_AFTER_MS);
      await this.exited.finally(() => clearTimeout(timer));
    }
    return this.exited;
  }

  private emit(line: string): void {
    if (this.listeners.length === 0) this.early.push(line);
    for (const listener of this.listeners) listener(line);
  }
}

function specOf(vm: RunningVm): VmSpec {
  if (vm instanceof QemuVm) return vm.spec;
  throw new Error('not a VM of the QEMU driver');
}

export function controlSocket(dir: string): string {
  return join(dir, 'qmp.sock');
}

/** The clone's forward, added once it runs (see qemuArgs): HMP answers errors as text. */
async function addPortForward(qmp: QmpClient, spec: VmSpec): Promise<void> {
  const hostfwd = portForward(spec).slice('hostfwd='.length);
  const answer = await qmp.execute('human-monitor-command', { 'command-line': `hostfwd_add n0 ${hostfwd}` });
  if (typeof answer === 'string' && answer.trim() !== '')
    throw new Error(`port forward failed: ${answer.trim()}`);
}

async function waitMigration(qmp: QmpClient, query: string): Promise<void> {
  const result = await qmp.until<{ status?: string; 'error-desc'?: string }>(
    query,
    (value) => value.status === 'completed' || value.status === 'failed',
    MIGRATION_TIMEOUT_MS,
  );
  if (result.status === 'failed') throw new Error(`migration failed: ${result['error-desc'] ?? '?'}`);
}

function lines(stream: NodeJS.ReadableStream | null, onLine: (line: string) => void): void {
  let buffered = '';
  stream?.setEncoding('utf8');
  stream?.on('data', (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const part of parts) onLine(part.replace(/\r$/, ''));
  });
  stream?.on('end', () => {
    if (buffered !== '') onLine(buffered);
  });
}

function shellQuote(path: string): string {
  return `'${path.split("'").join("'\\''")}'`;
}
