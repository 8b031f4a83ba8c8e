/**
 * The local target: each deployment is a detached supervisor process (supervisor.ts) that runs the server,
 * restarts it, checks its health and writes state.json under `<home>/deployments/<name>/`. This class only
 * launches, signals and reads those files, so every call works from a fresh CLI process.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { FactoryError } from '../../errors.js';
import { resolveHome } from '../../home.js';
import type {
  Artifact,
  DeploymentInfo,
  DeployOptions,
  HealthOptions,
  HealthResult,
  LogOptions,
  StartOptions,
  StopOptions,
  Target,
} from '../target.js';
import { assertEnvGiven, checkArtifact, pickTransport } from './artifact-checks.js';
import { buildClientConfig } from './client-config.js';
import { buildSupervisorConfig, endpointOf, movePortIfTaken } from './deployment-config.js';
import { describeDeployment, supervisorAlive } from './deployment-info.js';
import { withDeploymentLock } from './deployment-lock.js';
import { checkHealth, healthHeaders } from './health-check.js';
import { readLogLines } from './log-reader.js';
import { entryCommand } from './node-entry.js';
import { type DeploymentPaths, deploymentPaths, deploymentsRoot } from './paths.js';
import { isGroupAlive, isProcessAlive, signalProcess, terminateGroup, waitUntil } from './process-tree.js';
import { readJsonFile, readState, writeJsonAtomic, writeState } from './state-file.js';
import { stillDeployed } from './still-deployed.js';
import { DEFAULTS, type SupervisorConfig } from './supervisor-config.js';

export interface LocalTargetOptions {
  /** Folder holding `deployments/`; defaults to `MCP_FACTORY_HOME` or `~/.mcp-factory`, read at each call. */
  readonly home?: string;
  /**
   * How long one start of the server may take to pass its first health check (default 15 s). The microvm
   * target, whose "server" boots a VM, asks for more.
   */
  readonly startTimeoutMs?: number;
}

const LOG_TAIL_ON_FAILURE = 20;

export class LocalTarget implements Target {
  readonly kind = 'local' as const;

  constructor(private readonly options: LocalTargetOptions = {}) {}

  async deploy(artifact: Artifact, options: DeployOptions = {}): Promise<DeploymentInfo> {
    checkArtifact(artifact);
    const transport = pickTransport(artifact, options.transport);
    const env = { ...process.env, ...options.env };
    assertEnvGiven(artifact, env);
    const paths = this.paths(artifact.name);
    return withDeploymentLock(paths, async () => {
      const previous = readJsonFile<SupervisorConfig>(paths.config);
      if (previous !== undefined) await this.shutdown(paths, previous.stopTimeoutMs);
      const built = await buildSupervisorConfig(artifact, transport, options, previous);
      const config = { ...built, startTimeoutMs: this.options.startTimeoutMs ?? built.startTimeoutMs };
      writeJsonAtomic(paths.config, config);
      writeJsonAtomic(paths.clientConfig, buildClientConfig(artifact, transport, endpointOf(config.port)));
      return this.launch(paths, config, env, options.readyTimeoutMs ?? DEFAULTS.readyTimeoutMs);
    });
  }

  async status(name: string): Promise<DeploymentInfo> {
    const { paths, config } = this.load(name);
    return describeDeployment(paths, config, readState(paths.state));
  }

  async list(): Promise<DeploymentInfo[]> {
    const root = deploymentsRoot(this.home());
    if (!existsSync(root)) return [];
    const names = readdirSync(root).filter((name) => existsSync(this.paths(name).config));
    return Promise.all(names.sort().map((name) => this.status(name)));
  }

  async stop(name: string, options: StopOptions = {}): Promise<DeploymentInfo> {
    const { paths, config } = this.load(name);
    await withDeploymentLock(paths, () => this.shutdown(paths, options.timeoutMs ?? config.stopTimeoutMs));
    return this.status(name);
  }

  /** Idempotent: a live supervisor is left alone; otherwise leftovers are cleared and a new one launched. */
  async start(name: string, options: StartOptions = {}): Promise<DeploymentInfo> {
    const { paths, config } = this.load(name);
    return withDeploymentLock(paths, async () => {
      if (supervisorAlive(paths, readState(paths.state)?.supervisorPid)) return this.status(name);
      await this.shutdown(paths, config.stopTimeoutMs);
      const env = { ...process.env, ...options.env };
      const current = await movePortIfTaken(paths, config);
      return this.launch(paths, current, env, options.readyTimeoutMs ?? DEFAULTS.readyTimeoutMs);
    });
  }

  async restart(name: string, options: StartOptions = {}): Promise<DeploymentInfo> {
    await this.stop(name);
    return this.start(name, options);
  }

  logs(name: string, options: LogOptions = {}): AsyncIterable<string> {
    const { paths, config } = this.load(name);
    return readLogLines(paths.serverLog, {
      tail: options.tail ?? 100,
      follow: options.follow ?? false,
      rotated: config.log.files - 1,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
  }

  async remove(name: string): Promise<void> {
    const { paths, config } = this.load(name);
    await withDeploymentLock(paths, async () => {
      await this.shutdown(paths, config.stopTimeoutMs);
      rmSync(paths.dir, { recursive: true, force: true });
    });
  }

  /** The local target builds nothing outside the deployment folder: nothing is left to purge. */
  async purge(name: string): Promise<string[]> {
    if (existsSync(this.paths(name).config)) throw stillDeployed(name);
    return [];
  }

  /** Run from the caller's process: auth credentials (if any) come from its environment. */
  async health(name: string, options: HealthOptions = {}): Promise<HealthResult> {
    const { config } = this.load(name);
    const env = { ...process.env, ...options.env };
    return checkHealth(endpointOf(config.port), { headers: healthHeaders(config.healthAuth, env) });
  }

  private async launch(
    paths: DeploymentPaths,
    config: SupervisorConfig,
    env: NodeJS.ProcessEnv,
    readyTimeoutMs: number,
  ): Promise<DeploymentInfo> {
    rmSync(paths.state, { force: true });
    const [node, ...script] = await entryCommand('supervisor-main');
    const out = openSync(paths.supervisorLog, 'a');
    const child = spawn(node ?? process.execPath, [...script, paths.dir], {
      cwd: paths.dir,
      env,
      detached: true, // outlives the CLI, in its own session and process group
      stdio: ['ignore', out, out],
    });
    closeSync(out);
    child.unref();
    return this.waitReady(paths, config, child.pid, readyTimeoutMs);
  }

  private async waitReady(
    paths: DeploymentPaths,
    config: SupervisorConfig,
    pid: number | undefined,
    timeoutMs: number,
  ): Promise<DeploymentInfo> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const state = readState(paths.state);
      const info = describeDeployment(paths, config, state);
      if (state?.supervisorPid === pid && info.state === 'running') return info;
      if (state?.supervisorPid === pid && info.state === 'failed')
        throw await this.startFailure(paths, info.reason);
      // Our own fresh child: its pid cannot have been reused, and before exec its cmdline is still ours.
      if (state === undefined && (pid === undefined || !isProcessAlive(pid))) {
        throw await this.startFailure(paths, 'the supervisor exited at start (see supervisor.log)');
      }
      await sleep(20);
    }
    await this.shutdown(paths, config.stopTimeoutMs);
    throw await this.startFailure(paths, `not healthy within ${timeoutMs} ms`);
  }

  /** The error for a deploy/start that never got healthy, carrying the end of the log that explains it. */
  private async startFailure(paths: DeploymentPaths, reason: string | undefined): Promise<FactoryError> {
    let lines = await tailOf(paths.serverLog);
    let logFile = paths.serverLog;
    if (lines.length === 0) {
      // Nothing from the server: the supervisor itself may have failed before starting it.
      lines = await tailOf(paths.supervisorLog);
      logFile = paths.supervisorLog;
    }
    const name = paths.dir.split(/[\\/]/).at(-1) ?? '';
    const tail = lines.length === 0 ? '  (the logs are empty)' : lines.map((line) => `  ${line}`).join('\n');
    return new FactoryError(
      'RUNTIME_FAILED',
      `${name} failed to start: ${reason ?? 'unknown reason'}\n${tail}`,
      {
        hint: `see the whole log: ${logFile}`,
        details: { reason, logTail: lines, deploymentDir: paths.dir },
      },
    );
  }

  /** Stop the supervisor (SIGTERM, SIGKILL if it hangs) and any server process group it left behind. */
  private async shutdown(paths: DeploymentPaths, timeoutMs: number): Promise<void> {
    const state = readState(paths.state);
    if (state === undefined) return;
    const pid = state.supervisorPid;
    if (pid !== undefined && supervisorAlive(paths, pid)) {
      writeJsonAtomic(paths.stopRequest, { timeoutMs });
      signalProcess(pid, 'SIGTERM');
      const exited = await waitUntil(() => !supervisorAlive(paths, pid), timeoutMs + 3_000);
      if (!exited) signalProcess(pid, 'SIGKILL');
    }
    rmSync(paths.stopRequest, { force: true });
    const after = readState(paths.state) ?? state;
    const pgid = after.serverPgid ?? state.serverPgid;
    if (pgid !== undefined && isGroupAlive(pgid)) await terminateGroup(pgid, timeoutMs);
    if (after.state !== 'stopped' && after.state !== 'failed') {
      writeState(paths.state, {
        ...after,
        state: 'stopped',
        reason: 'stopped',
        serverPid: undefined,
        serverPgid: undefined,
        updatedAt: new Date().toISOString(),
      });
    } else if (after.serverPgid !== undefined) {
      writeState(paths.state, { ...after, serverPid: undefined, serverPgid: undefined });
    }
  }

  private load(name: string): { paths: DeploymentPaths; config: SupervisorConfig } {
    const paths = this.paths(name);
    const config = readJsonFile<SupervisorConfig>(paths.config);
    if (config === undefined) {
      throw new FactoryError('NOT_FOUND', `no local deployment named "${name}"`, {
        hint: `deployments live in ${deploymentsRoot(this.home())}`,
      });
    }
    return { paths, config };
  }

  private paths(name: string): DeploymentPaths {
    return deploymentPaths(this.home(), name);
  }

  private home(): string {
    return this.options.home ?? resolveHome();
  }
}

async function tailOf(path: string): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of readLogLines(path, { tail: LOG_TAIL_ON_FAILURE, follow: false, rotated: 2 })) {
    lines.push(line);
  }
  return lines;
}
