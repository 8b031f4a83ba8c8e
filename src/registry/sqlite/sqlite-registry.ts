/**
 * The Registry on an embedded SQLite file. better-sqlite3 is synchronous: each method does its work at
 * once and returns a settled promise, so callers are written for the async interface a PostgreSQL
 * implementation needs.
 */

import { guard } from '../errors.js';
import type {
  DeploymentFilter,
  DeploymentPatch,
  EventFilter,
  EventInput,
  NewDeployment,
  TestRunInput,
  ToolInput,
  UsageDelta,
  VersionInput,
} from '../records.js';
import type { ExportOptions, ListOptions, Registry, SearchOptions } from '../registry.js';
import { parseServerJson, toServerJson, versionFromServerJson } from '../server-json-convert.js';
import { listServers, searchTools } from './catalog-queries.js';
import type { SqliteDatabase } from './connection.js';
import * as deployments from './deployment-store.js';
import * as telemetry from './telemetry-store.js';
import * as versions from './version-store.js';

export class SqliteRegistry implements Registry {
  constructor(
    private readonly db: SqliteDatabase,
    readonly location: string,
  ) {}

  private async run<T>(action: string, step: (db: SqliteDatabase) => T): Promise<T> {
    return guard(this.location, action, () => step(this.db));
  }

  recordVersion(input: VersionInput) {
    return this.run(`record ${input.name} ${input.version}`, (db) => versions.recordVersion(db, input));
  }
  getVersion(name: string, version?: string) {
    return this.run(`read ${name}`, (db) => versions.getVersion(db, name, version));
  }
  listVersions(name: string) {
    return this.run(`list versions of ${name}`, (db) => versions.listVersions(db, name));
  }
  latestVersion(name: string) {
    return this.run(`read ${name}`, (db) => versions.latestVersion(db, name));
  }
  listServers(options?: ListOptions) {
    return this.run('list servers', (db) => listServers(db, options));
  }
  search(query: string, options?: SearchOptions) {
    return this.run('search tools', (db) => searchTools(db, query, options));
  }
  removeServer(name: string) {
    return this.run(`remove ${name}`, (db) => versions.removeServer(db, name));
  }
  recordDiscoveredTools(name: string, version: string, tools: readonly ToolInput[]) {
    return this.run(`record tools of ${name}`, (db) =>
      versions.recordDiscoveredTools(db, name, version, tools),
    );
  }

  async exportServerJson(name: string, version?: string, options: ExportOptions = {}) {
    return toServerJson(await this.getVersion(name, version), options.namespace);
  }
  async importServerJson(document: unknown) {
    return this.recordVersion(versionFromServerJson(parseServerJson(document)));
  }

  createDeployment(input: NewDeployment) {
    return this.run(`record a deployment of ${input.server}`, (db) =>
      deployments.createDeployment(db, input),
    );
  }
  updateDeployment(id: string, patch: DeploymentPatch) {
    return this.run(`update deployment ${id}`, (db) => deployments.updateDeployment(db, id, patch));
  }
  getDeployment(id: string) {
    return this.run(`read deployment ${id}`, (db) => deployments.getDeployment(db, id));
  }
  listDeployments(filter?: DeploymentFilter) {
    return this.run('list deployments', (db) => deployments.listDeployments(db, filter));
  }
  removeDeployment(id: string) {
    return this.run(`remove deployment ${id}`, (db) => deployments.removeDeployment(db, id));
  }

  recordUsage(server: string, version: string, deltas: readonly UsageDelta[]) {
    return this.run(`record usage of ${server}`, (db) => telemetry.recordUsage(db, server, version, deltas));
  }
  getUsage(server: string, version?: string) {
    return this.run(`read usage of ${server}`, (db) => telemetry.getUsage(db, server, version));
  }
  logEvent(event: EventInput) {
    return this.run(`log an event of ${event.server}`, (db) => telemetry.logEvent(db, event));
  }
  recentEvents(filter?: EventFilter) {
    return this.run('read events', (db) => telemetry.recentEvents(db, filter));
  }
  recordTestRuns(server: string, version: string, runs: readonly TestRunInput[]) {
    return this.run(`record test runs of ${server}`, (db) =>
      telemetry.recordTestRuns(db, server, version, runs),
    );
  }
  listTestRuns(server: string, options?: { version?: string; limit?: number }) {
    return this.run(`read test runs of ${server}`, (db) => telemetry.listTestRuns(db, server, options));
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}
