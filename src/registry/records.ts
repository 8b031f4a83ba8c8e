/**
 * The values the registry stores and returns. Plain, serializable data: the same shapes come back from
 * every implementation of `Registry` (SQLite here, PostgreSQL later) and go straight into --json output.
 */

/** `generated`: made by the factory from a spec. `external`: catalogued from someone else's server.json. */
export type ServerKind = 'generated' | 'external';

export const DEPLOYMENT_STATES = [
  'building',
  'starting',
  'running',
  'unhealthy',
  'stopped',
  'failed',
] as const;
export type DeploymentState = (typeof DEPLOYMENT_STATES)[number];

export const TEST_OUTCOMES = ['pass', 'fail', 'not_implemented'] as const;
export type TestOutcome = (typeof TEST_OUTCOMES)[number];

export const EVENT_LEVELS = ['info', 'warn', 'error'] as const;
export type EventLevel = (typeof EVENT_LEVELS)[number];

export const DEPENDENCY_KINDS = ['npm', 'env', 'connection'] as const;
export type DependencyKind = (typeof DEPENDENCY_KINDS)[number];

/** How the server is reached: the spec's transports plus the remote kinds a server.json can name. */
export type ServerTransport = 'stdio' | 'http' | 'streamable-http' | 'sse';

export interface ToolInput {
  readonly name: string;
  readonly description: string;
  /** The tool's parameters as JSON (the spec's `parameters` map, or an input JSON Schema). */
  readonly parameters: unknown;
  /** The spec's implementation type (sql, http, graphql, file, handler), `none`, or `external`. */
  readonly implementation: string;
}

export interface DependencyInput {
  readonly kind: DependencyKind;
  /** npm package name, env var name, or connection name. */
  readonly name: string;
  /** npm version range, connection type, or a description of an env var. */
  readonly detail?: string | undefined;
  readonly required?: boolean | undefined;
  /** Env vars only: the value is a credential (the registry never stores values, only this flag). */
  readonly secret?: boolean | undefined;
}

export interface VersionInput {
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly kind?: ServerKind | undefined;
  /** The normalized spec (generated) or the server.json (external); hashed to detect a changed version. */
  readonly spec: unknown;
  /** The generated project directory. */
  readonly artifactDir?: string | null | undefined;
  readonly transport?: ServerTransport | null | undefined;
  /** Where an external server runs (its remotes[0].url). */
  readonly remoteUrl?: string | null | undefined;
  readonly tools: readonly ToolInput[];
  readonly dependencies?: readonly DependencyInput[] | undefined;
}

export interface RecordResult {
  readonly name: string;
  readonly version: string;
  readonly specHash: string;
  /** False when exactly this version (same spec hash) was already recorded: nothing changed. */
  readonly created: boolean;
  /** The server's latest version after recording (may be another one when an older version was added). */
  readonly latestVersion: string;
}

export interface ToolRecord {
  readonly name: string;
  readonly description: string;
  readonly parameters: unknown;
  readonly implementation: string;
}

export interface DependencyRecord {
  readonly kind: DependencyKind;
  readonly name: string;
  readonly detail: string;
  readonly required: boolean;
  readonly secret: boolean;
}

export interface ServerVersion {
  readonly name: string;
  readonly version: string;
  readonly kind: ServerKind;
  readonly description: string;
  readonly spec: unknown;
  readonly specHash: string;
  readonly artifactDir: string | null;
  readonly transport: ServerTransport | null;
  readonly remoteUrl: string | null;
  readonly createdAt: string;
  readonly tools: readonly ToolRecord[];
  readonly dependencies: readonly DependencyRecord[];
}

export interface VersionSummary {
  readonly version: string;
  readonly description: string;
  readonly specHash: string;
  readonly toolCount: number;
  readonly createdAt: string;
}

export interface DeploymentSummary {
  readonly id: string;
  readonly version: string;
  readonly target: string;
  readonly state: DeploymentState;
  readonly endpoint: string | null;
}

export interface ServerSummary {
  readonly name: string;
  readonly kind: ServerKind;
  readonly latestVersion: string;
  readonly description: string;
  readonly toolCount: number;
  /** The most recently created deployment of any version, or null. */
  readonly deployment: DeploymentSummary | null;
}

export interface SearchHit {
  readonly server: string;
  readonly version: string;
  readonly tool: string;
  readonly description: string;
  /** bm25 rank: lower is better (SQLite convention), comparable only within one result list. */
  readonly rank: number;
}

export interface RemovalSummary {
  readonly name: string;
  readonly versions: number;
  readonly deployments: number;
}

export interface Deployment {
  readonly id: string;
  readonly server: string;
  readonly version: string;
  readonly target: string;
  readonly state: DeploymentState;
  readonly endpoint: string | null;
  readonly transport: string | null;
  readonly pid: number | null;
  readonly supervisorPid: number | null;
  readonly restarts: number;
  readonly lastHealthAt: string | null;
  readonly lastHealthOk: boolean | null;
  readonly lastHealthDetail: string | null;
  readonly startedAt: string | null;
  readonly stoppedAt: string | null;
  readonly options: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewDeployment {
  /** Chosen by the caller (e.g. the target); a random `dep_…` id when left out. */
  readonly id?: string | undefined;
  readonly server: string;
  readonly version: string;
  readonly target: string;
  readonly state?: DeploymentState | undefined;
  readonly endpoint?: string | null | undefined;
  readonly transport?: string | null | undefined;
  readonly pid?: number | null | undefined;
  readonly supervisorPid?: number | null | undefined;
  /** Target options (port, replicas…). Keys that look like credentials are stored as "[redacted]". */
  readonly options?: Readonly<Record<string, unknown>> | undefined;
}

/** Fields a target changes as a deployment moves through its states; left-out fields keep their value. */
export interface DeploymentPatch {
  readonly state?: DeploymentState | undefined;
  readonly endpoint?: string | null | undefined;
  readonly transport?: string | null | undefined;
  readonly pid?: number | null | undefined;
  readonly supervisorPid?: number | null | undefined;
  readonly restarts?: number | undefined;
  readonly lastHealthAt?: string | null | undefined;
  readonly lastHealthOk?: boolean | null | undefined;
  readonly lastHealthDetail?: string | null | undefined;
  readonly startedAt?: string | null | undefined;
  readonly stoppedAt?: string | null | undefined;
  readonly options?: Readonly<Record<string, unknown>> | undefined;
}

export interface DeploymentFilter {
  readonly server?: string | undefined;
  readonly states?: readonly DeploymentState[] | undefined;
}

/** Counts since the running server's previous report; the registry adds them to its totals. */
export interface UsageDelta {
  readonly tool: string;
  readonly calls: number;
  readonly errors: number;
  readonly latencyMs: number;
}

export interface ToolUsage {
  readonly server: string;
  readonly version: string;
  readonly tool: string;
  readonly calls: number;
  readonly errors: number;
  readonly totalLatencyMs: number;
  readonly lastReportedAt: string;
}

/** Passwords in URLs and values under credential-like keys are stored as "[redacted]". */
export interface EventInput {
  readonly server: string;
  readonly deploymentId?: string | null | undefined;
  readonly level: EventLevel;
  readonly message: string;
  readonly detail?: unknown;
}

export interface DeploymentEvent {
  readonly id: number;
  readonly server: string;
  readonly deploymentId: string | null;
  readonly level: EventLevel;
  readonly message: string;
  readonly detail: unknown;
  readonly at: string;
}

export interface EventFilter {
  readonly server?: string | undefined;
  readonly deploymentId?: string | undefined;
  /** Only events at this level or above (warn → warn and error). */
  readonly minLevel?: EventLevel | undefined;
  /** Default 20, at most 1000. */
  readonly limit?: number | undefined;
}

export interface TestRunInput {
  readonly tool: string;
  readonly outcome: TestOutcome;
  readonly durationMs: number;
  readonly message?: string | undefined;
}

export interface TestRun extends Required<Omit<TestRunInput, 'message'>> {
  readonly id: number;
  readonly server: string;
  readonly version: string;
  readonly message: string | null;
  readonly at: string;
}
