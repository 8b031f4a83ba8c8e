/**
 * The registry's repository interface: everything the rest of the factory may ask of the catalog.
 * Callers never see SQL. The embedded SQLite implementation (sqlite/) is the default; a PostgreSQL one
 * for shared installs implements the same interface, which is why every method is async.
 *
 * Errors: unknown names → FactoryError('NOT_FOUND'); a version recorded again with a different spec →
 * 'CONFLICT'; bad input (a field, a server.json) → 'SPEC_INVALID' with the field path; the database
 * failing → 'REGISTRY_FAILED' (operational, with the file and what to do in the hint).
 */
import type {
  Deployment,
  DeploymentEvent,
  DeploymentFilter,
  DeploymentPatch,
  EventFilter,
  EventInput,
  NewDeployment,
  RecordResult,
  RemovalSummary,
  SearchHit,
  ServerSummary,
  ServerVersion,
  TestRun,
  TestRunInput,
  ToolInput,
  ToolUsage,
  UsageDelta,
  VersionInput,
  VersionSummary,
} from './records.js';
import type { ServerJson } from './server-json.js';

export interface ListOptions {
  /** Keep servers whose name or description contains the text, or one of whose tools matches it. */
  readonly search?: string | undefined;
  /** Page size (servers are ordered by name). Default: all servers. */
  readonly limit?: number | undefined;
  /** Servers to skip before the page. Default 0. */
  readonly offset?: number | undefined;
}

export interface SearchOptions {
  /** Default 20, at most 200. */
  readonly limit?: number | undefined;
}

export interface ExportOptions {
  /** Reverse-DNS namespace for the `namespace/name` server.json name. Default `local`. */
  readonly namespace?: string | undefined;
}

export interface Registry {
  /** Where the data lives (the SQLite file, or a redacted database URL). */
  readonly location: string;

  // Servers and versions -----------------------------------------------------------------------------
  /** Record a version: new name, or new version of a known name. Same version + same spec is a no-op. */
  recordVersion(input: VersionInput): Promise<RecordResult>;
  /** One version with its tools and dependencies; the latest when `version` is left out. */
  getVersion(name: string, version?: string): Promise<ServerVersion>;
  /** Every version of a server, newest (by semver) first. */
  listVersions(name: string): Promise<VersionSummary[]>;
  /** The highest version by semver order. */
  latestVersion(name: string): Promise<string>;
  listServers(options?: ListOptions): Promise<ServerSummary[]>;
  /** Capability search over the tools of each server's latest version, best first. */
  search(query: string, options?: SearchOptions): Promise<SearchHit[]>;
  /** Delete the server and everything recorded about it, in one transaction. */
  removeServer(name: string): Promise<RemovalSummary>;
  /** External servers only: the tools found by asking the server (tools/list) replace the known ones. */
  recordDiscoveredTools(name: string, version: string, tools: readonly ToolInput[]): Promise<void>;

  // server.json --------------------------------------------------------------------------------------
  exportServerJson(name: string, version?: string, options?: ExportOptions): Promise<ServerJson>;
  /** Validate an official-registry server.json and catalogue it as an external server. */
  importServerJson(document: unknown): Promise<RecordResult>;

  // Deployments --------------------------------------------------------------------------------------
  createDeployment(input: NewDeployment): Promise<Deployment>;
  updateDeployment(id: string, patch: DeploymentPatch): Promise<Deployment>;
  getDeployment(id: string): Promise<Deployment>;
  /** Newest first. */
  listDeployments(filter?: DeploymentFilter): Promise<Deployment[]>;
  removeDeployment(id: string): Promise<void>;

  // What running servers and test runs report -------------------------------------------------------
  /** Add the deltas to the per-tool totals of one server version (one transaction for the batch). */
  recordUsage(server: string, version: string, deltas: readonly UsageDelta[]): Promise<void>;
  /** Totals per tool; all versions when `version` is left out. */
  getUsage(server: string, version?: string): Promise<ToolUsage[]>;
  logEvent(event: EventInput): Promise<DeploymentEvent>;
  /** Newest first. */
  recentEvents(filter?: EventFilter): Promise<DeploymentEvent[]>;
  recordTestRuns(server: string, version: string, runs: readonly TestRunInput[]): Promise<TestRun[]>;
  /** Newest first; default limit 100. */
  listTestRuns(server: string, options?: { version?: string; limit?: number }): Promise<TestRun[]>;

  close(): Promise<void>;
}
