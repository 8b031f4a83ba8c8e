/**
 * One lazily opened client per connection in the spec, built from its env var the first time a tool needs
 * it. Drivers are loaded with dynamic `import()` so a server that never touches PostgreSQL never loads
 * `pg` (start-up time), and does not even need it installed.
 *
 * What `ToolContext.connection(name)` returns, by connection type:
 *   postgresql → pg.Pool            mysql → mysql2/promise Pool        sqlite → better-sqlite3 Database
 *   http, graphql → UpstreamTarget  filesystem → FilesystemRoot       redis, rabbitmq → { url }
 */
import { mkdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Pool as MysqlPool } from 'mysql2/promise';
import type { Pool as PgPool } from 'pg';
import {
  type ConnectionConfig,
  type FilesystemConnectionConfig,
  type HttpConnectionConfig,
  type SqlConnectionConfig,
  ToolError,
} from './contract.js';
import { decimalToJson } from './json-safe.js';
import type { Logger } from './logger.js';
import type { Redactor } from './safe-error.js';
import { type UpstreamTarget, upstreamTarget } from './upstream-auth.js';

export type Env = Readonly<Record<string, string | undefined>>;

export type SqlHandle =
  | { readonly type: 'postgresql'; readonly config: SqlConnectionConfig; readonly client: PgPool }
  | {
      readonly type: 'mysql';
      readonly config: SqlConnectionConfig;
      readonly client: MysqlPool;
      /** Per-statement timeout (mysql2 applies it per query, not per pool). */
      readonly timeoutMs: number;
    }
  | {
      readonly type: 'sqlite';
      readonly config: SqlConnectionConfig;
      readonly client: BetterSqlite3.Database;
    };

export interface FilesystemRoot {
  /** The root directory, already resolved through symlinks. */
  readonly root: string;
  readonly readOnly: boolean;
}

type Opened =
  | SqlHandle
  | {
      readonly type: 'http' | 'graphql';
      readonly config: HttpConnectionConfig;
      readonly client: UpstreamTarget;
    }
  | {
      readonly type: 'filesystem';
      readonly config: FilesystemConnectionConfig;
      readonly client: FilesystemRoot;
    }
  | {
      readonly type: 'redis' | 'rabbitmq';
      readonly config: ConnectionConfig;
      readonly client: { url: string };
    };

export class ConnectionManager {
  readonly #configs: ReadonlyMap<string, ConnectionConfig>;
  readonly #open = new Map<string, Promise<Opened>>();
  #closed = false;

  constructor(
    configs: readonly ConnectionConfig[],
    private readonly env: Env,
    private readonly log: Logger,
    redactor: Redactor,
  ) {
    this.#configs = new Map(configs.map((c) => [c.name, c]));
    for (const c of configs) {
      redactor.add(env[c.envVar]);
      if ((c.type === 'http' || c.type === 'graphql') && c.auth.type !== 'none')
        redactor.add(env[c.auth.envVar]);
    }
  }

  /** Every connection of the spec, in spec order. */
  configs(): ConnectionConfig[] {
    return [...this.#configs.values()];
  }

  /** Whether its env var has a value (a SQLite connection with a default path needs none). */
  configured(name: string): boolean {
    const config = this.config(name);
    if (config.type === 'sqlite' && config.defaultPath) return true;
    return Boolean(this.env[config.envVar]?.trim());
  }

  config(name: string): ConnectionConfig {
    const config = this.#configs.get(name);
    if (!config) throw new ToolError(`unknown connection "${name}"`);
    return config;
  }

  /** The driver-level client (see the table at the top of this file). */
  async client<T = unknown>(name: string): Promise<T> {
    return (await this.open(name)).client as T;
  }

  async sql(name: string): Promise<SqlHandle> {
    const opened = await this.open(name);
    if (opened.type !== 'postgresql' && opened.type !== 'mysql' && opened.type !== 'sqlite') {
      throw new ToolError(`connection "${name}" is not a SQL database`);
    }
    return opened;
  }

  async upstream(name: string): Promise<UpstreamTarget> {
    const opened = await this.open(name);
    if (opened.type !== 'http' && opened.type !== 'graphql') {
      throw new ToolError(`connection "${name}" is not an HTTP or GraphQL connection`);
    }
    return opened.client;
  }

  async filesystem(name: string): Promise<FilesystemRoot> {
    const opened = await this.open(name);
    if (opened.type !== 'filesystem') throw new ToolError(`connection "${name}" is not a filesystem`);
    return opened.client;
  }

  open(name: string): Promise<Opened> {
    if (this.#closed) return Promise.reject(new ToolError('the server is shutting down'));
    const existing = this.#open.get(name);
    if (existing) return existing;
    const opening = this.#openNew(this.config(name));
    this.#open.set(name, opening);
    // A failed open is forgotten so the next call retries (the database may come up later).
    opening.catch(() => this.#open.delete(name));
    return opening;
  }

  /** Closes every open pool; later `open` calls fail. Safe to call twice. */
  async closeAll(): Promise<void> {
    this.#closed = true;
    const pending = [...this.#open.values()];
    this.#open.clear();
    await Promise.all(pending.map((p) => p.then(closeOpened, () => undefined)));
  }

  async #openNew(config: ConnectionConfig): Promise<Opened> {
    const started = performance.now();
    const opened = await this.#openByType(config);
    this.log.info('connection opened', {
      connection: config.name,
      type: config.type,
      ms: Math.round(performance.now() - started),
    });
    return opened;
  }

  async #openByType(config: ConnectionConfig): Promise<Opened> {
    switch (config.type) {
      case 'postgresql':
        return { type: 'postgresql', config, client: await this.#openPostgres(config) };
      case 'mysql':
        return {
          type: 'mysql',
          config,
          client: await this.#openMysql(config),
          timeoutMs: this.#statementTimeoutMs(),
        };
      case 'sqlite':
        return { type: 'sqlite', config, client: await this.#openSqlite(config) };
      case 'http':
      case 'graphql':
        return {
          type: config.type,
          config,
          client: upstreamTarget(config, this.#required(config), this.env),
        };
      case 'filesystem':
        return { type: 'filesystem', config, client: openRoot(config, this.#required(config)) };
      default:
        return { type: config.type, config, client: { url: this.#required(config) } };
    }
  }

  /** MCP_SQL_TIMEOUT_MS (default 30 s) bounds every statement on PostgreSQL and MySQL. */
  #statementTimeoutMs(): number {
    const value = Number(this.env.MCP_SQL_TIMEOUT_MS);
    return Number.isInteger(value) && value > 0 ? value : DEFAULT_STATEMENT_TIMEOUT_MS;
  }

  #required(config: ConnectionConfig): string {
    const value = this.env[config.envVar]?.trim();
    if (!value) {
      throw new ToolError(
        `connection "${config.name}" is not configured: set the environment variable ${config.envVar}`,
      );
    }
    return value;
  }

  async #openPostgres(config: SqlConnectionConfig): Promise<PgPool> {
    const url = this.#required(config);
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({
      connectionString: url,
      max: config.poolSize,
      // A runaway query must not hold a pooled client (and shutdown) forever.
      statement_timeout: this.#statementTimeoutMs(),
      // int8 (COUNT(*), BIGINT) and numeric as numbers when exact, as text otherwise; the rest as pg parses.
      types: {
        getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
          if (format !== 'binary' && oid === INT8_OID) return parseInt8;
          if (format !== 'binary' && oid === NUMERIC_OID) return decimalToJson;
          return pg.types.getTypeParser(oid, format ?? 'text');
        }) as typeof pg.types.getTypeParser,
      },
    });
    // An idle client losing its socket emits 'error' on the pool; unhandled it would kill the process.
    pool.on('error', (error) =>
      this.log.warn('idle database client failed', { connection: config.name, error }),
    );
    await runInit(
      config,
      (sql) => pool.query(sql),
      () => pool.end(),
    );
    return pool;
  }

  async #openMysql(config: SqlConnectionConfig): Promise<MysqlPool> {
    const url = this.#required(config);
    const mysql = await import('mysql2/promise');
    const pool = mysql.createPool({
      uri: url,
      connectionLimit: config.poolSize,
      supportBigNumbers: true,
      multipleStatements: false,
      // DATETIME values are read and written as UTC, matching the ISO strings clients send and receive.
      timezone: 'Z',
      // DECIMAL as a number when exact (as PostgreSQL numeric above), else as text.
      typeCast: (field, next) => {
        if (field.type !== 'NEWDECIMAL' && field.type !== 'DECIMAL') return next();
        const text = field.string();
        return text === null ? null : decimalToJson(text);
      },
    });
    await runInit(
      config,
      (sql) => pool.query(sql),
      () => pool.end(),
    );
    return pool;
  }

  async #openSqlite(config: SqlConnectionConfig): Promise<BetterSqlite3.Database> {
    const path = this.env[config.envVar]?.trim() || config.defaultPath;
    if (!path) this.#required(config);
    const file = path === ':memory:' ? path : resolve(path as string);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    await runInit(
      config,
      async (sql) => db.exec(sql),
      async () => db.close(),
    );
    return db;
  }
}

const INT8_OID = 20;
const NUMERIC_OID = 1700;
const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

function parseInt8(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

async function runInit(
  config: SqlConnectionConfig,
  run: (sql: string) => Promise<unknown>,
  close: () => Promise<unknown>,
): Promise<void> {
  for (const [index, statement] of config.init.entries()) {
    try {
      await run(statement);
    } catch (error) {
      await close().catch(() => undefined);
      const reason = error instanceof Error ? error.message : String(error);
      throw new ToolError(`connection "${config.name}": init statement ${index + 1} failed: ${reason}`);
    }
  }
}

function openRoot(config: FilesystemConnectionConfig, dir: string): FilesystemRoot {
  let root: string;
  try {
    root = realpathSync(resolve(dir));
  } catch {
    throw new ToolError(`connection "${config.name}": root directory ${config.envVar} does not exist`);
  }
  if (!statSync(root).isDirectory()) {
    throw new ToolError(`connection "${config.name}": ${config.envVar} is not a directory`);
  }
  return { root, readOnly: config.readOnly };
}

async function closeOpened(opened: Opened): Promise<void> {
  switch (opened.type) {
    case 'postgresql':
    case 'mysql':
      await opened.client.end();
      return;
    case 'sqlite':
      opened.client.close();
      return;
    default:
      return;
  }
}
