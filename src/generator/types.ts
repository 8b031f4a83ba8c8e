/**
 * The values the generator hands around. A plan is plain data: it can be printed as JSON (`create --dry-run`),
 * compared (determinism tests) and written by `write`, the only step that touches the disk.
 */

/** 'generated' files are rewritten on every run; 'user' files are written once and then belong to the user. */
export type Ownership = 'generated' | 'user';

export interface PlannedFile {
  /** Relative path inside the project, always with "/" separators. */
  readonly path: string;
  readonly content: string;
  readonly ownership: Ownership;
}

export interface GenerationPlan {
  /** The server name (the default output folder). */
  readonly name: string;
  readonly version: string;
  /** Sorted by path. */
  readonly files: readonly PlannedFile[];
}

/**
 * Runtime files that every generated server carries, loaded from the factory's `templates/server/` before
 * planning so `plan` itself stays pure. Keys are paths relative to `lib/` and `testing/`, with "/".
 */
export interface TemplateFiles {
  readonly lib: Readonly<Record<string, string>>;
  readonly testing: Readonly<Record<string, string>>;
  /** templates/server/triggers → src/triggers (copied only when the spec has triggers). */
  readonly triggers: Readonly<Record<string, string>>;
  /** Dependency versions as written in the factory's package.json: the one source of truth. */
  readonly versions: Readonly<Record<string, string>>;
}

/** What `write` did to each file. */
export interface WriteResult {
  readonly dir: string;
  /** True when the folder did not exist (or was empty) and the whole project was created. */
  readonly created: boolean;
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  /** User-owned files that already existed and were left alone. */
  readonly kept: readonly string[];
  /** User-owned files the plan no longer has (their tool was removed): left alone, but no longer used. */
  readonly orphaned: readonly string[];
  readonly unchanged: readonly string[];
}

/** Whether a project on disk matches a plan (`create --check`). */
export interface CheckResult {
  readonly dir: string;
  readonly stale: boolean;
  /** Generated files that would be added, changed or removed by `write`. */
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}
