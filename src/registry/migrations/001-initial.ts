import type { Migration } from './migration.js';

/**
 * The first schema. Everything hangs off `servers` with ON DELETE CASCADE so removing a server is one
 * DELETE. `servers.latest_version_id` is kept by the code that records versions (semver order is not
 * something SQL can sort), so listing needs no per-row computation. Times are ISO-8601 UTC text.
 */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: `
CREATE TABLE servers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('generated', 'external')),
  latest_version_id INTEGER REFERENCES server_versions(id) DEFERRABLE INITIALLY DEFERRED,
  created_at TEXT NOT NULL
);

CREATE TABLE server_versions (
  id INTEGER PRIMARY KEY,
  server_id INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
  version TEXT NOT NULL,
  description TEXT NOT NULL,
  spec_json TEXT NOT NULL,
  spec_hash TEXT NOT NULL,
  artifact_dir TEXT,
  transport TEXT,
  remote_url TEXT,
  tool_count INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  UNIQUE (server_id, version)
);

CREATE TABLE tools (
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES server_versions(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  name_words TEXT NOT NULL,
  description TEXT NOT NULL,
  parameters_json TEXT NOT NULL,
  implementation TEXT NOT NULL,
  UNIQUE (version_id, name)
);

-- External-content FTS5 index over tool names (split into words) and descriptions, kept in step by
-- triggers so every path that changes tools (including cascading deletes) updates it.
CREATE VIRTUAL TABLE tools_fts USING fts5(
  name_words, description, content = 'tools', content_rowid = 'id', tokenize = 'porter unicode61'
);
CREATE TRIGGER tools_fts_insert AFTER INSERT ON tools BEGIN
  INSERT INTO tools_fts (rowid, name_words, description) VALUES (new.id, new.name_words, new.description);
END;
CREATE TRIGGER tools_fts_delete AFTER DELETE ON tools BEGIN
  INSERT INTO tools_fts (tools_fts, rowid, name_words, description)
    VALUES ('delete', old.id, old.name_words, old.description);
END;
CREATE TRIGGER tools_fts_update AFTER UPDATE ON tools BEGIN
  INSERT INTO tools_fts (tools_fts, rowid, name_words, description)
    VALUES ('delete', old.id, old.name_words, old.description);
  INSERT INTO tools_fts (rowid, name_words, description) VALUES (new.id, new.name_words, new.description);
END;

CREATE TABLE dependencies (
  version_id INTEGER NOT NULL REFERENCES server_versions(id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('npm', 'env', 'connection')),
  name TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  required INTEGER NOT NULL DEFAULT 1,
  secret INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (version_id, kind, name)
) WITHOUT ROWID;

CREATE TABLE deployments (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  server_id INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
  version_id INTEGER NOT NULL REFERENCES server_versions(id) ON DELETE CASCADE,
  target TEXT NOT NULL,
  state TEXT NOT NULL
    CHECK (state IN ('building', 'starting', 'running', 'unhealthy', 'stopped', 'failed')),
  endpoint TEXT,
  transport TEXT,
  pid INTEGER,
  supervisor_pid INTEGER,
  restarts INTEGER NOT NULL DEFAULT 0,
  last_health_at TEXT,
  last_health_ok INTEGER,
  last_health_detail TEXT,
  started_at TEXT,
  stopped_at TEXT,
  options_json TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX deployments_by_server ON deployments (server_id, seq);
CREATE INDEX deployments_by_version ON deployments (version_id);

CREATE TABLE tool_usage (
  version_id INTEGER NOT NULL REFERENCES server_versions(id) ON DELETE CASCADE,
  tool TEXT NOT NULL,
  calls INTEGER NOT NULL DEFAULT 0,
  errors INTEGER NOT NULL DEFAULT 0,
  total_latency_ms REAL NOT NULL DEFAULT 0,
  last_reported_at TEXT NOT NULL,
  PRIMARY KEY (version_id, tool)
) WITHOUT ROWID;

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  server_id INTEGER NOT NULL REFERENCES servers(id) ON DELETE CASCADE,
  deployment_id TEXT REFERENCES deployments(id) ON DELETE CASCADE,
  level TEXT NOT NULL CHECK (level IN ('info', 'warn', 'error')),
  message TEXT NOT NULL,
  detail_json TEXT,
  at TEXT NOT NULL
);
CREATE INDEX events_by_server ON events (server_id, id);
CREATE INDEX events_by_deployment ON events (deployment_id, id);
CREATE INDEX events_by_level ON events (level, id);

CREATE TABLE test_runs (
  id INTEGER PRIMARY KEY,
  version_id INTEGER NOT NULL REFERENCES server_versions(id) ON DELETE CASCADE,
  tool TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('pass', 'fail', 'not_implemented')),
  duration_ms REAL NOT NULL,
  message TEXT,
  at TEXT NOT NULL
);
CREATE INDEX test_runs_by_version ON test_runs (version_id, id);
`,
};
