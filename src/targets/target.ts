/**
 * The contract every deployment target implements (local process, Docker container, microVM — each in a
 * sibling folder with the same shape). Targets see an `Artifact` — a built project on disk and how to run
 * it — never a spec. Every value here is plain serializable data so the lead's services can mirror it into
 * the registry and print it as JSON.
 */

export type TargetKind = 'local' | 'docker' | 'microvm';

export type DeploymentState = 'building' | 'starting' | 'running' | 'unhealthy' | 'stopped' | 'failed';

export type TransportKind = 'stdio' | 'http';

/** What the generator (or a user's own project) hands to a target. */
export interface Artifact {
  /** Server name: also the deployment name (`[a-z0-9][a-z0-9._-]*`). */
  readonly name: string;
  readonly version: string;
  /** Absolute path of the project folder; the command runs with this as its working directory. */
  readonly projectDir: string;
  /**
   * argv of the server, e.g. `['node', 'dist/server.mjs']` (bundled) or `['node', 'dist/src/index.js']`.
   * Relative paths are resolved against `projectDir` by the process itself (cwd). The target appends
   * `--transport http --host 127.0.0.1 --port <P>` (and sets `MCP_TRANSPORT`, `MCP_HOST`, `MCP_PORT`, `PORT`)
   * or `--transport stdio`.
   */
  readonly command: readonly string[];
  /** Transports the server can speak; the first is the default. */
  readonly transports: readonly TransportKind[];
  /**
   * The HTTP port the server's spec asks for (what its README and server.json advertise): used when it is
   * free and no port was given; when taken, another is picked and `progress` says so.
   */
  readonly preferredPort?: number;
  /** Environment variables the server needs. Values never travel in the artifact (they may be secrets). */
  readonly env?: readonly ArtifactEnvVar[];
  /**
   * Inbound auth of the HTTP endpoint, so health checks can authenticate: the credential is read from the
   * named env var by the supervisor at check time. (OAuth 2.1 servers need a token no target can mint.)
   */
  readonly httpAuth?: HealthAuth;
  /**
   * What image-based targets (docker, microvm) package: a self-contained copy of the server. Targets that
   * need it fail with a USAGE error when it is missing (a user's own project without one).
   */
  readonly image?: ImageRecipe;
}

export interface ImageRecipe {
  /**
   * Folder holding the server and nothing that points outside it: `dist/server.mjs` plus real copies (not
   * symlinks) of native packages under `dist/node_modules/`, and `Dockerfile`. It is a build output that
   * targets may read but never modify.
   */
  readonly contextDir: string;
  /** The server's entry, relative to `contextDir` (e.g. `dist/server.mjs`); run with `node <entry>`. */
  readonly entry: string;
  /**
   * File name (in `contextDir`) of the Dockerfile for this context: the generated project's runtime stage
   * (`ARG BASE_IMAGE`, non-root `node` user, HTTP transport env, HEALTHCHECK on /healthz), copying the
   * prebuilt bundle from the context instead of from a build stage.
   */
  readonly dockerfile: string;
  /** The port the server listens on inside the container or VM (HTTP transport, all interfaces). */
  readonly port: number;
}

export type HealthAuth =
  | { readonly type: 'api_key'; readonly header: string; readonly envVar: string }
  | { readonly type: 'bearer'; readonly envVar: string };

export interface ArtifactEnvVar {
  readonly name: string;
  readonly required: boolean;
  readonly secret?: boolean;
  readonly description?: string;
}

export interface RestartPolicy {
  /** Give up (state `failed`) when the server crashed more than this many times within `windowMs`. */
  readonly maxRestarts: number;
  readonly windowMs: number;
  /** First delay before a restart; doubled after each consecutive crash up to `maxDelayMs`. */
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export interface DeployOptions {
  /** Defaults to the artifact's first transport. */
  readonly transport?: TransportKind;
  /** Port for the HTTP endpoint (the server's own, or the stdio bridge's); a free one when omitted. */
  readonly port?: number;
  /** Values for the server's environment; merged over the caller's `process.env`. Never written to disk. */
  readonly env?: Readonly<Record<string, string>>;
  readonly restart?: Partial<RestartPolicy>;
  /** Interval of the periodic MCP health check (tools/list). */
  readonly healthIntervalMs?: number;
  /**
   * Restart a server that failed this many health checks in a row (default 3; 0 never restarts, it stays
   * `unhealthy`). The restart counts against the restart policy like a crash.
   */
  readonly unhealthyRestartAfter?: number;
  /** How long `deploy`/`start` wait for the first healthy check before failing. */
  readonly readyTimeoutMs?: number;
  /** Grace period between SIGTERM and SIGKILL of the server's process group on stop (default 5 s). */
  readonly stopTimeoutMs?: number;
  /** Size-based rotation of the server log (default 5 MB × 3 files). */
  readonly logRotation?: { readonly maxBytes: number; readonly files: number };
  /** stdio bridge: most concurrent sessions (each one is a child process). */
  readonly maxSessions?: number;
  /** stdio bridge: a session with no request for this long is closed and its child ended. */
  readonly sessionIdleMs?: number;
  /** docker, microvm: resource limits of the container or VM (local ignores them). */
  readonly limits?: ResourceLimits;
  /** docker: containers behind the one published port (more than 1: replicas behind a small balancer). */
  readonly replicas?: number;
  /**
   * docker: base image of the build (default `node:<this Node's major>-slim`, DEFAULT_BASE_IMAGE). When it cannot be
   * pulled, the target builds a local one from this host's Node runtime and says so through `progress`.
   */
  readonly baseImage?: string;
  /** microvm: restore the version's warm snapshot (default true); false boots cold every time. */
  readonly snapshot?: boolean;
  /** microvm: an uncompressed kernel (vmlinux) to boot instead of Debian's. */
  readonly kernel?: string;
  /** microvm: let the guest open outbound connections (databases, APIs) through the VMM's NAT (default false). */
  readonly outboundNetwork?: boolean;
  /** Progress in words (building an image, booting a VM, falling back to a local base image, …). */
  readonly progress?: (message: string) => void;
}

export interface ResourceLimits {
  readonly memoryMb?: number;
  readonly cpus?: number;
  /** docker: most processes/threads in the container. */
  readonly pids?: number;
}

export interface HealthResult {
  readonly ok: boolean;
  /** ISO time of the check. */
  readonly at: string;
  readonly latencyMs: number;
  /** Number of tools the server listed (when ok). */
  readonly tools?: number;
  readonly error?: string;
}

/** What a generated server's `/readyz` said: each connection's cheap probe (see templates/server/lib/readiness.ts). */
export interface ReadinessResult {
  readonly ready: boolean;
  /** ISO time of the check. */
  readonly at: string;
  readonly connections: readonly ConnectionReadiness[];
  /** Why there is no per-connection answer (the server did not answer /readyz at all). */
  readonly error?: string;
}

export interface ConnectionReadiness {
  readonly name: string;
  readonly type: string;
  readonly status: 'ready' | 'not configured' | 'failing';
  /** Redacted by the server: never a URL with credentials or a token. */
  readonly error?: string;
}

export interface DeploymentInfo {
  readonly name: string;
  readonly version: string;
  readonly target: TargetKind;
  readonly state: DeploymentState;
  /** Why the deployment is `failed`/`unhealthy`/`stopped`, in words. */
  readonly reason?: string;
  readonly transport: TransportKind;
  /** Streamable HTTP endpoint (for stdio servers: the bridge's), e.g. `http://127.0.0.1:4100/mcp`. */
  readonly endpoint: string;
  readonly port: number;
  readonly supervisorPid?: number;
  /** pid of the server process (HTTP) or of the bridge that spawns one child per session (stdio). */
  readonly serverPid?: number;
  readonly restarts: number;
  readonly startedAt?: string;
  readonly updatedAt: string;
  readonly lastHealth?: HealthResult;
  /** The server's own readiness (`/readyz`), when status asked for it and the server offers it. */
  readonly readiness?: ReadinessResult;
  /** How the server process last ended (crash or stop), if it has. */
  readonly lastExit?: ExitInfo;
  /** Folder holding state.json, logs and client-config.json. */
  readonly deploymentDir: string;
  /**
   * docker with replicas: each running replica's own endpoint, for what must be asked of every replica
   * once (its usage counters) rather than of whichever one the balancer picks.
   */
  readonly replicaEndpoints?: readonly ReplicaEndpoint[];
  /** stdio only: the `mcpServers` entry a desktop client pastes to run the server itself. */
  readonly clientConfig?: ClientConfig;
  /**
   * Target-specific facts for status output, e.g. docker `{ container, image, replicas, health }`, microvm
   * `{ accelerator: 'kvm' | 'tcg', vmm: 'qemu', boot: 'snapshot' | 'cold', memoryMb, vcpus }`.
   */
  readonly details?: Readonly<Record<string, string | number | boolean>>;
}

export interface ReplicaEndpoint {
  /** Stable across restarts of the replica, e.g. `replica-1`. */
  readonly id: string;
  readonly endpoint: string;
}

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: string | null;
  /** ISO time. */
  readonly at: string;
}

export interface ClientConfig {
  readonly mcpServers: Readonly<Record<string, ClientServerEntry>>;
}

export type ClientServerEntry =
  | {
      readonly command: string;
      readonly args: readonly string[];
      readonly cwd?: string;
      readonly env?: Readonly<Record<string, string>>;
    }
  | {
      readonly type: 'http';
      readonly url: string;
      /** Values are `${VAR}` references the client expands from its environment, never secrets. */
      readonly headers?: Readonly<Record<string, string>>;
    };

export interface LogOptions {
  /** Last N lines (default 100). */
  readonly tail?: number;
  /** Keep yielding new lines until `signal` aborts or the consumer stops iterating. */
  readonly follow?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * `env`: the deployment's values as its env files hold them now (the services read them again for every
 * start; targets keep names only, so a start without them falls back to the caller's environment).
 */
export interface StartOptions extends Pick<DeployOptions, 'env' | 'readyTimeoutMs' | 'progress'> {}

export interface HealthOptions {
  /** Merged over the caller's `process.env` to find the credential `Artifact.httpAuth` names. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface RemoveOptions {
  /**
   * Also delete what the target built or keeps for this server beyond the deployment (docker: its images
   * and its data volume; microvm: its cached rootfs and snapshots). Without it, user data and build
   * outputs stay for a later deploy or `purge`.
   */
  readonly purge?: boolean;
}

export interface StopOptions {
  /** Grace period between SIGTERM and SIGKILL for the server's process group (default: the deploy's). */
  readonly timeoutMs?: number;
}

export interface Target {
  readonly kind: TargetKind;
  /** Run the artifact; resolves once it answered a real MCP `tools/list`, else throws RUNTIME_FAILED. */
  deploy(artifact: Artifact, options?: DeployOptions): Promise<DeploymentInfo>;
  stop(name: string, options?: StopOptions): Promise<DeploymentInfo>;
  /** Start a stopped (or failed, or orphaned) deployment again with the options it was deployed with. */
  start(name: string, options?: StartOptions): Promise<DeploymentInfo>;
  restart(name: string, options?: StartOptions): Promise<DeploymentInfo>;
  status(name: string): Promise<DeploymentInfo>;
  list(): Promise<DeploymentInfo[]>;
  logs(name: string, options?: LogOptions): AsyncIterable<string>;
  /**
   * Stop and delete the deployment (container, VM state, its folder); `purge` also its build outputs and
   * data (see `RemoveOptions`).
   */
  remove(name: string, options?: RemoveOptions): Promise<void>;
  /**
   * Delete what a plain `remove` left of NAME (images, data volume, cached VM builds) when no deployment of
   * it is recorded: returns what it deleted, [] when nothing was there. CONFLICT while NAME is deployed.
   */
  purge(name: string): Promise<string[]>;
  /** An immediate MCP round trip (`tools/list`) against the endpoint, from the caller's process. */
  health(name: string, options?: HealthOptions): Promise<HealthResult>;
}
