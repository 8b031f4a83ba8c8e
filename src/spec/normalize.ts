/**
 * Step 2 of parsing: make every derived default explicit so the generator never has to guess. Pure: the
 * same structured spec always gives the same normalized spec. Values written in the spec always win.
 */
import type { ServerSpec as StructuredSpec, ToolSpec as StructuredTool } from './schema.js';
import { sqlCode, sqlFirstKeyword } from './sql.js';
import type {
  AnnotationsSpec,
  AuthSpec,
  ImplementationSpec,
  PaginationSpec,
  ServerSpec,
  ToolSpec,
  TriggerSpec,
} from './types.js';

/** Upper bound for any page size (also the schema's maximum). */
export const MAX_PAGE_SIZE = 10_000;
/** maxPageSize when the spec leaves it out: at least this, or the page size when that is larger. */
export const DEFAULT_MAX_PAGE_SIZE = 500;

export function normalize(spec: StructuredSpec): ServerSpec {
  return {
    ...spec,
    auth: normalizeAuth(spec.auth),
    tools: spec.tools.map(normalizeTool),
    triggers: spec.triggers.map((trigger) => normalizeTrigger(trigger, spec.name)),
  };
}

export function normalizeTool(tool: StructuredTool): ToolSpec {
  const { pagination, ...rest } = tool;
  const implementation = normalizeImplementation(tool);
  return {
    ...rest,
    implementation,
    annotations: normalizeAnnotations(tool.annotations, implementation),
    ...(pagination ? { pagination: normalizePagination(pagination) } : {}),
  };
}

function normalizeImplementation(tool: StructuredTool): ImplementationSpec {
  const implementation = tool.implementation ?? { type: 'handler' as const };
  if (implementation.type !== 'http') return implementation;
  const inPath = pathPlaceholders(implementation.path);
  const free = Object.keys(tool.parameters).filter((name) => !inPath.includes(name));
  const listed = new Set([...(implementation.query ?? []), ...(implementation.body ?? [])]);
  const rest = free.filter((name) => !listed.has(name));
  const toQuery = implementation.method === 'GET' || implementation.method === 'DELETE';
  return {
    ...implementation,
    query: implementation.query ?? (toQuery ? rest : []),
    body: implementation.body ?? (toQuery ? [] : rest),
  };
}

/** `{name}` placeholders of an http path template, in order. */
export function pathPlaceholders(path: string): string[] {
  return [...path.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1]!);
}

type AnnotationsInput = StructuredTool['annotations'];

export function normalizeAnnotations(
  given: AnnotationsInput,
  implementation: ImplementationSpec,
): AnnotationsSpec {
  const inferred = inferAnnotations(implementation);
  return {
    ...(given?.title === undefined ? {} : { title: given.title }),
    readOnly: given?.readOnly ?? inferred.readOnly,
    destructive: given?.destructive ?? inferred.destructive,
    idempotent: given?.idempotent ?? inferred.idempotent,
    openWorld: given?.openWorld ?? inferred.openWorld,
  };
}

/** What the implementation says about the tool; anything unknown (handlers) is false. */
function inferAnnotations(implementation: ImplementationSpec): Omit<AnnotationsSpec, 'title'> {
  const readOnly = isReadOnly(implementation);
  return {
    readOnly,
    destructive: isDestructive(implementation),
    // Reading twice changes nothing; PUT and DELETE are idempotent by HTTP's definition.
    idempotent:
      readOnly ||
      (implementation.type === 'http' &&
        (implementation.method === 'PUT' || implementation.method === 'DELETE')),
    openWorld: implementation.type === 'http' || implementation.type === 'graphql',
  };
}

const READ_ONLY_SQL = new Set(['SELECT', 'WITH', 'SHOW', 'EXPLAIN']);
/**
 * A statement that starts like a read can still write: `WITH d AS (DELETE …) SELECT`, `EXPLAIN ANALYZE
 * UPDATE …`, `SELECT … FOR UPDATE` (locks). Read-only tools are called by tests uninvited, so any of these
 * words outside strings and comments makes the tool a writer.
 */
const WRITING_SQL = /\b(INSERT|UPDATE|DELETE|MERGE|UPSERT|TRUNCATE|DROP|ALTER|CREATE|GRANT|REVOKE|COPY)\b/i;
const DESTRUCTIVE_SQL = new Set(['DELETE', 'DROP', 'TRUNCATE']);

function isReadOnly(implementation: ImplementationSpec): boolean {
  switch (implementation.type) {
    case 'sql':
      return (
        READ_ONLY_SQL.has(sqlFirstKeyword(implementation.statement)) &&
        !WRITING_SQL.test(sqlCode(implementation.statement))
      );
    case 'http':
      return implementation.method === 'GET';
    case 'graphql':
      return !/^\s*(#[^\n]*\n\s*)*mutation\b/.test(implementation.document);
    case 'file':
      return ['read', 'list', 'stat'].includes(implementation.operation);
    default:
      return false;
  }
}

function isDestructive(implementation: ImplementationSpec): boolean {
  switch (implementation.type) {
    case 'sql':
      return (
        implementation.result === 'affected' && DESTRUCTIVE_SQL.has(sqlFirstKeyword(implementation.statement))
      );
    case 'http':
      return implementation.method === 'DELETE';
    case 'file':
      return implementation.operation === 'delete' || implementation.operation === 'write';
    default:
      return false;
  }
}

export function normalizePagination(pagination: {
  pageSize: number;
  maxPageSize?: number | undefined;
  key?: string | undefined;
  order?: 'asc' | 'desc' | undefined;
}): PaginationSpec {
  const maxPageSize =
    pagination.maxPageSize ?? Math.min(Math.max(pagination.pageSize, DEFAULT_MAX_PAGE_SIZE), MAX_PAGE_SIZE);
  const keyset =
    pagination.key === undefined ? {} : { key: pagination.key, order: pagination.order ?? 'asc' };
  return { pageSize: pagination.pageSize, maxPageSize, ...keyset };
}

export function normalizeTrigger(
  trigger: StructuredSpec['triggers'][number],
  serverName: string,
): TriggerSpec {
  if (trigger.type !== 'queue') return trigger;
  return {
    ...trigger,
    group: trigger.group ?? serverName,
    deadLetter: trigger.deadLetter ?? `${trigger.queue}.dead`,
  };
}

export function normalizeAuth(auth: StructuredSpec['auth']): AuthSpec {
  if (auth.type !== 'oauth2') return auth;
  return { ...auth, jwksUrl: auth.jwksUrl ?? `${auth.issuer.replace(/\/+$/, '')}/.well-known/jwks.json` };
}
