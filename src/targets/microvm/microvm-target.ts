/**
 * The microvm target: each deployment is a local-supervised process (../local) whose "server" is the VM
 * launcher (vm-launcher-main.ts). The supervisor appends the HTTP address, health-checks the server with
 * real MCP round trips through the forwarded port, restarts a VM that ends, and keeps state.json and the
 * rotating log (the guest's console) — so this class builds the artifacts, writes vm.json, and rewrites
 * what the local target reports into microvm terms. Deployments live under `<home>/microvm/`.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { FactoryError } from '../../errors.js';
import { resolveHome } from '../../home.js';
import { checkImageArtifact } from '../local/artifact-checks.js';
import { LocalTarget } from '../local/local-target.js';
import { deploymentPaths } from '../local/paths.js';
import { readJsonFile, writeJsonAtomic } from '../local/state-file.js';
import { stillDeployed } from '../local/still-deployed.js';
import type {
  Artifact,
  DeploymentInfo,
  DeployOptions,
  HealthOptions,
  HealthResult,
  LogOptions,
  RemoveOptions,
  StartOptions,
  StopOptions,
  Target,
} from '../target.js';
import { prepareVmArtifacts } from './artifacts.js';
import { checkHostPrerequisites, describeRecommended } from './host-prerequisites.js';
import { debianKernelCached } from './kernel.js';
import { launcherCommand } from './launcher-entry.js';
import { vmLimits } from './limits.js';
import { cacheRoot, microvmHome, serverCacheDir, serverVersionDir, vmConfigFile } from './paths.js';
import { QEMU_BINARY } from './qemu-args.js';
import { QemuDriver } from './qemu-driver.js';
import type { VmConfig } from './vm-config.js';

export interface MicrovmTargetOptions {
  /** Folder holding `microvm/deployments/`; defaults to `MCP_FACTORY_HOME` or `~/.mcp-factory`. */
  readonly home?: string;
  /** Folder holding `microvm/cache/` (kernels, initramfs, snapshots); defaults to the home. */
  readonly cacheDir?: string;
  /** The QEMU executable (default `qemu-system-x86_64` on PATH). */
  readonly qemuBinary?: string;
}

/** A VM start (cold boot under emulation on a busy host) may take this long to answer its first check. */
const VM_START_TIMEOUT_MS = 90_000;
const VM_READY_TIMEOUT_MS = 120_000;

export class MicrovmTarget implements Target {
  readonly kind = 'microvm' as const;

  constructor(private readonly options: MicrovmTargetOptions = {}) {}

  async deploy(artifact: Artifact, options: DeployOptions = {}): Promise<DeploymentInfo> {
    const { image } = checkImageArtifact('microvm', artifact, options);
    const limits = vmLimits(options.limits);
    const qemuBinary = this.checkHost(options);
    const driver = new QemuDriver(qemuBinary);
    const built = await prepareVmArtifacts(this.cache(), { ...artifact, image }, options, limits, driver);
    const paths = deploymentPaths(microvmHome(this.home()), artifact.name);
    mkdirSync(paths.dir, { recursive: true, mode: 0o700 });
    chmodSync(paths.dir, 0o700); // the control socket lives here
    const config: VmConfig = {
      name: artifact.name,
      version: artifact.version,
      vmm: 'qemu',
      qemuBinary,
      kernel: built.kernel.vmlinux,
      kernelId: built.kernel.id,
      initrd: built.initrd,
      accelerator: built.accelerator.accelerator,
      acceleratorReason: built.accelerator.reason,
      ...limits,
      guestPort: image.port,
      outbound: options.outboundNetwork === true,
      ...(built.snapshot === undefined ? {} : { snapshot: built.snapshot }),
      envNames: (artifact.env ?? []).map((variable) => variable.name),
    };
    writeJsonAtomic(vmConfigFile(paths.dir), config);
    options.progress?.(
      `starting the microVM (${built.snapshot === undefined ? 'cold boot' : 'snapshot restore'})`,
    );
    const launcher: Artifact = {
      name: artifact.name,
      version: artifact.version,
      projectDir: paths.dir,
      command: [...(await launcherCommand()), paths.dir],
      transports: ['http'],
      ...(artifact.env === undefined ? {} : { env: artifact.env }),
      ...(artifact.httpAuth === undefined ? {} : { httpAuth: artifact.httpAuth }),
    };
    const readyTimeoutMs = options.readyTimeoutMs ?? VM_READY_TIMEOUT_MS;
    return this.describe(
      await this.local().deploy(launcher, { ...options, transport: 'http', readyTimeoutMs }),
    );
  }

  async status(name: string): Promise<DeploymentInfo> {
    return this.describe(await this.call(name, (local) => local.status(name)));
  }

  async list(): Promise<DeploymentInfo[]> {
    return (await this.local().list()).map((info) => this.describe(info));
  }

  async stop(name: string, options: StopOptions = {}): Promise<DeploymentInfo> {
    return this.describe(await this.call(name, (local) => local.stop(name, options)));
  }

  async start(name: string, options: StartOptions = {}): Promise<DeploymentInfo> {
    this.assertBootable(name);
    const readyTimeoutMs = options.readyTimeoutMs ?? VM_READY_TIMEOUT_MS;
    return this.describe(await this.call(name, (local) => local.start(name, { ...options, readyTimeoutMs })));
  }

  async restart(name: string, options: StartOptions = {}): Promise<DeploymentInfo> {
    await this.stop(name);
    return this.start(name, options);
  }

  logs(name: string, options: LogOptions = {}): AsyncIterable<string> {
    this.vmConfig(name);
    return this.local().logs(name, options);
  }

  /** Stops the VM and deletes the deployment folder; `purge` also the version's initramfs and snapshots. */
  async remove(name: string, options: RemoveOptions = {}): Promise<void> {
    const config = this.vmConfig(name);
    await this.call(name, (local) => local.remove(name));
    if (options.purge === true) {
      const versionDir = serverVersionDir(this.cache(), config.name, config.version);
      rmSync(versionDir, { recursive: true, force: true });
      removeIfEmpty(dirname(versionDir)); // the server's folder, once its last version is gone
    }
  }

  /** The server's cached initramfs and snapshots (every version) a plain remove left. */
  async purge(name: string): Promise<string[]> {
    if (existsSync(deploymentPaths(microvmHome(this.home()), name).config)) throw stillDeployed(name);
    const dir = serverCacheDir(this.cache(), name);
    if (!existsSync(dir)) return [];
    rmSync(dir, { recursive: true, force: true });
    return [dir];
  }

  async health(name: string, options: HealthOptions = {}): Promise<HealthResult> {
    return this.call(name, (local) => local.health(name, options));
  }

  private describe(info: DeploymentInfo): DeploymentInfo {
    const config = readJsonFile<VmConfig>(vmConfigFile(info.deploymentDir));
    const details: Record<string, string | number> =
      config === undefined
        ? {}
        : {
            vmm: config.vmm,
            accelerator: config.accelerator,
            boot: config.snapshot === undefined ? 'cold' : 'snapshot',
            memoryMb: config.memoryMb,
            vcpus: config.vcpus,
          };
    return { ...info, target: 'microvm', transport: 'http', details };
  }

  /** Runs a local-target call, naming this target in its not-found error. */
  private async call<T>(name: string, action: (local: LocalTarget) => Promise<T>): Promise<T> {
    this.vmConfig(name);
    return action(this.local());
  }

  private vmConfig(name: string): VmConfig {
    const paths = deploymentPaths(microvmHome(this.home()), name);
    const config = readJsonFile<VmConfig>(vmConfigFile(paths.dir));
    if (config === undefined || !existsSync(paths.config)) {
      throw new FactoryError('NOT_FOUND', `no microvm deployment named "${name}"`, {
        hint: `microvm deployments live in ${microvmHome(this.home())}`,
      });
    }
    return config;
  }

  /** A purge (or a cleaned cache) since the deploy leaves nothing to boot: say so instead of failing later. */
  private assertBootable(name: string): void {
    const config = this.vmConfig(name);
    for (const file of [config.kernel, config.initrd]) {
      if (!existsSync(file)) {
        throw new FactoryError('RUNTIME_FAILED', `the microVM artifacts of ${name} are gone: ${file}`, {
          hint: `deploy ${name} again to rebuild them`,
        });
      }
    }
  }

  private local(): LocalTarget {
    return new LocalTarget({ home: microvmHome(this.home()), startTimeoutMs: VM_START_TIMEOUT_MS });
  }

  /** Every host tool the deploy will run, checked before it downloads or builds anything; the QEMU to use. */
  private checkHost(options: DeployOptions): string {
    const qemuBinary = this.options.qemuBinary ?? QEMU_BINARY;
    const buildsKernel = options.kernel === undefined && !debianKernelCached(this.cache());
    const recommended = checkHostPrerequisites({ qemuBinary, buildsKernel });
    const note = describeRecommended(recommended);
    if (note !== undefined) options.progress?.(note);
    return qemuBinary;
  }

  private home(): string {
    return this.options.home ?? resolveHome();
  }

  private cache(): string {
    return cacheRoot(this.options.cacheDir ?? this.home());
  }
}

function removeIfEmpty(dir: string): void {
  try {
    if (readdirSync(dir).length === 0) rmdirSync(dir);
  } catch {
    // already gone, or another version appeared meanwhile: either way nothing to do
  }
}
