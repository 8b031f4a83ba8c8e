/**
 * The supervisor: a detached process (see supervisor-main.ts) that outlives the CLI, runs one server as the
 * leader of its own process group, captures its output into a rotating log, checks its health with real
 * MCP round trips, restarts it with exponential backoff when it dies, and reports everything in state.json.
 * It is the only writer of state.json while it lives.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DeploymentState, HealthResult } from '../target.js';
import { fullBridgeReason, readBridgeLoad } from './bridge-load.js';
import { checkHealth, type HealthCheckOptions, healthHeaders } from './health-check.js';
import type { DeploymentPaths } from './paths.js';
import { terminateGroup } from './process-tree.js';
import { type CrashHistory, decideRestart, EMPTY_HISTORY, markHealthy } from './restart-policy.js';
import { RotatingLog } from './rotating-log.js';
import { serverCommand } from './server-command.js';
import { type RuntimeState, readJsonFile, writeState } from './state-file.js';
import type { SupervisorConfig } from './supervisor-config.js';

const STARTUP_PROBE_MS = 50;

export class Supervisor {
  private state: RuntimeState;
  private readonly log: RotatingLog;
  private child: ChildProcess | undefined;
  /** Bumped on every spawn so late results about an earlier child are ignored. */
  private generation = 0;
  private history: CrashHistory = EMPTY_HISTORY;
  private stopping = false;
  private healthTimer: NodeJS.Timeout | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private checking = false;
  /** Failed periodic health checks in a row (reset by any healthy answer and by a new server process). */
  private failedChecks = 0;
  private finish: (code: number) => void = () => undefined;
  /** Resolves with the exit code the supervisor process should end with. */
  readonly done: Promise<number>;

  constructor(
    private readonly config: SupervisorConfig,
    private readonly paths: DeploymentPaths,
  ) {
    this.log = new RotatingLog(paths.serverLog, config.log);
    this.done = new Promise((resolve) => {
      this.finish = resolve;
    });
    const now = new Date().toISOString();
    this.state = {
      name: config.name,
      version: config.version,
      state: 'starting',
      transport: config.transport,
      port: config.port,
      endpoint: `http://127.0.0.1:${config.port}/mcp`,
      supervisorPid: process.pid,
      restarts: 0,
      startedAt: now,
      updatedAt: now,
    };
  }

  start(): void {
    this.log.event(`supervisor ${process.pid} starting ${this.config.name}@${this.config.version}`);
    this.update({});
    this.spawnServer();
    this.healthTimer = setInterval(() => void this.periodicCheck(), this.config.healthIntervalMs);
  }

  /** Graceful stop: the whole server process group gets SIGTERM, then SIGKILL after the grace period. */
  async stop(reason: string): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    clearInterval(this.healthTimer);
    clearTimeout(this.restartTimer);
    this.log.event(`stopping (${reason})`);
    const pid = this.child?.pid;
    const grace = this.requestedGrace();
    const how = pid === undefined ? 'none' : await terminateGroup(pid, grace);
    if (how === 'kill') this.log.event(`server did not stop within ${grace} ms of SIGTERM: killed`);
    this.update({ state: 'stopped', reason, serverPid: undefined, serverPgid: undefined });
    this.log.close();
    this.finish(0);
  }

  /** `stop` may ask for another grace period than the deploy's, in a file written just before SIGTERM. */
  private requestedGrace(): number {
    const request = readJsonFile<{ timeoutMs?: unknown }>(this.paths.stopRequest);
    const asked = request?.timeoutMs;
    return typeof asked === 'number' && asked >= 0 ? asked : this.config.stopTimeoutMs;
  }

  private spawnServer(): void {
    const generation = ++this.generation;
    this.failedChecks = 0;
    const { command, args, env } = serverCommand(this.config, process.env);
    const child = spawn(command, args, {
      cwd: this.config.projectDir,
      env,
      detached: true, // its own process group: one signal reaches everything it spawns
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.log.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => this.log.write(chunk));
    child.on('error', (error) => this.log.event(`could not start server: ${error.message}`));
    child.on('exit', (code, signal) => void this.onExit(generation, code, signal));
    this.log.event(`server started: pid ${child.pid ?? '?'} (${[command, ...args].join(' ')})`);
    this.update({ state: 'starting', serverPid: child.pid, serverPgid: child.pid });
    void this.probeUntilReady(generation);
  }

  /** Right after a spawn, poll quickly: deploy waits on this first healthy answer. */
  private async probeUntilReady(generation: number): Promise<void> {
    const deadline = Date.now() + this.config.startTimeoutMs;
    while (this.isCurrent(generation) && Date.now() < deadline) {
      const result = await checkHealth(this.state.endpoint, this.checkOptions(2_000));
      if (!this.isCurrent(generation)) return;
      if (result.ok) return this.onHealthy(result);
      await sleep(STARTUP_PROBE_MS);
    }
    if (!this.isCurrent(generation)) return;
    this.log.event(`server did not answer tools/list within ${this.config.startTimeoutMs} ms: killing it`);
    const pid = this.child?.pid;
    if (pid !== undefined) await terminateGroup(pid, this.config.stopTimeoutMs);
  }

  private async periodicCheck(): Promise<void> {
    if (this.checking || this.stopping) return;
    if (this.state.state !== 'running' && this.state.state !== 'unhealthy') return;
    this.checking = true;
    const generation = this.generation;
    const result = await checkHealth(this.state.endpoint, this.checkOptions(this.config.healthIntervalMs));
    // A full bridge answers health checks (they have slots of their own) or, if those are taken too,
    // refuses them: either way it is serving and must be reported full, never restarted for it.
    const full = this.config.transport === 'stdio' ? await this.fullBridge() : undefined;
    this.checking = false;
    if (!this.isCurrent(generation)) return;
    if (full !== undefined) return this.onFullBridge(result, full);
    if (result.ok) return this.onHealthy(result);
    if (this.state.state === 'running') this.log.event(`health check failed: ${result.error ?? '?'}`);
    this.update({
      state: 'unhealthy',
      reason: `health check failed: ${result.error ?? '?'}`,
      lastHealth: result,
    });
    this.failedChecks++;
    const limit = this.config.unhealthyRestartAfter;
    if (limit > 0 && this.failedChecks >= limit) await this.restartUnhealthy();
  }

  /** Ends a server that stopped answering: its exit goes through the restart policy like a crash. */
  private async restartUnhealthy(): Promise<void> {
    this.log.event(`server failed ${this.failedChecks} health checks in a row: restarting it`);
    this.failedChecks = 0;
    const pid = this.child?.pid;
    if (pid !== undefined) await terminateGroup(pid, this.config.stopTimeoutMs);
  }

  private checkOptions(timeoutMs: number): HealthCheckOptions {
    return {
      timeoutMs: Math.min(5_000, timeoutMs),
      headers: healthHeaders(this.config.healthAuth, process.env),
    };
  }

  private onHealthy(result: HealthResult): void {
    if (this.state.state !== 'running') this.log.event(`server healthy (${result.tools ?? 0} tools)`);
    this.history = markHealthy(this.history);
    this.failedChecks = 0;
    this.update({ state: 'running', reason: undefined, lastHealth: result });
  }

  private async fullBridge(): Promise<string | undefined> {
    return fullBridgeReason(await readBridgeLoad(this.state.endpoint, 5_000));
  }

  /** Serving, but refusing new clients: reported, never restarted for it (its sessions are in use). */
  private onFullBridge(result: HealthResult, reason: string): void {
    if (this.state.reason !== reason) this.log.event(reason);
    this.failedChecks = 0;
    this.update({ state: 'unhealthy', reason, lastHealth: result });
  }

  private async onExit(
    generation: number,
    code: number | null,
    signal: NodeJS.Signals | null,
  ): Promise<void> {
    if (generation !== this.generation || this.stopping) return;
    const pid = this.child?.pid;
    this.child = undefined;
    // A dead leader may leave children behind (the bridge's sessions): end the rest of its group.
    if (pid !== undefined) await terminateGroup(pid, 500);
    if (this.stopping) return;
    const lastExit = { code, signal, at: new Date().toISOString() };
    const how = signal === null ? `code ${code}` : `signal ${signal}`;
    const decision = decideRestart(this.config.restart, this.history, Date.now());
    this.history = decision.history;
    if (decision.action === 'give-up')
      return this.giveUp(`server exited (${how}); ${decision.reason}`, lastExit);
    this.log.event(`server exited (${how}); restarting in ${decision.delayMs} ms`);
    this.update({
      state: 'starting',
      reason: `server exited (${how}); restarting`,
      restarts: this.state.restarts + 1,
      serverPid: undefined,
      serverPgid: undefined,
      lastExit,
    });
    this.restartTimer = setTimeout(() => this.spawnServer(), decision.delayMs);
  }

  private giveUp(reason: string, lastExit: RuntimeState['lastExit']): void {
    this.stopping = true;
    clearInterval(this.healthTimer);
    this.log.event(`giving up: ${reason}`);
    this.update({ state: 'failed', reason, serverPid: undefined, serverPgid: undefined, lastExit });
    this.log.close();
    this.finish(1);
  }

  private isCurrent(generation: number): boolean {
    return generation === this.generation && !this.stopping && this.child !== undefined;
  }

  private update(patch: Partial<RuntimeState> & { state?: DeploymentState }): void {
    this.state = { ...this.state, ...patch, updatedAt: new Date().toISOString() };
    writeState(this.paths.state, this.state);
  }
}
