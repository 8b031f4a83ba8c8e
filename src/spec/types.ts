/**
 * The NORMALIZED spec: what `parseSpec` returns and what the generator consumes. Every default is explicit,
 * including the derived ones that the schema alone cannot express (see normalize.ts): each tool has an
 * implementation and explicit annotations, http implementations list their query and body parameters,
 * pagination has a maxPageSize, queue triggers a group and dead-letter queue, oauth2 a jwksUrl.
 */
import type {
  AuthSpec as StructuredAuth,
  ImplementationSpec as StructuredImplementation,
  ServerSpec as StructuredSpec,
  ToolSpec as StructuredTool,
  TriggerSpec as StructuredTrigger,
} from './schema.js';

export type { ConnectionSpec, ParameterSpec, ReturnsSpec } from './schema.js';

export interface AnnotationsSpec {
  readonly title?: string | undefined;
  readonly readOnly: boolean;
  readonly destructive: boolean;
  readonly idempotent: boolean;
  readonly openWorld: boolean;
}

export interface PaginationSpec {
  readonly pageSize: number;
  readonly maxPageSize: number;
  /** Keyset pagination (SQL only): the unique, non-null result column pages continue after. */
  readonly key?: string;
  readonly order?: 'asc' | 'desc';
}

type HttpImplementation = Extract<StructuredImplementation, { type: 'http' }>;
export type HttpImplementationSpec = Omit<HttpImplementation, 'query' | 'body'> & {
  /** Parameters sent in the query string (never those in the path template). */
  query: string[];
  /** Parameters sent as the JSON body. */
  body: string[];
};
export type ImplementationSpec = Exclude<StructuredImplementation, { type: 'http' }> | HttpImplementationSpec;

export type ToolSpec = Omit<StructuredTool, 'implementation' | 'annotations' | 'pagination'> & {
  implementation: ImplementationSpec;
  annotations: AnnotationsSpec;
  pagination?: PaginationSpec | undefined;
};

type QueueTrigger = Extract<StructuredTrigger, { type: 'queue' }>;
export type QueueTriggerSpec = Omit<QueueTrigger, 'group' | 'deadLetter'> & {
  group: string;
  deadLetter: string;
};
export type TriggerSpec = Exclude<StructuredTrigger, { type: 'queue' }> | QueueTriggerSpec;

type OAuth2 = Extract<StructuredAuth, { type: 'oauth2' }>;
export type OAuth2Spec = Omit<OAuth2, 'jwksUrl'> & { jwksUrl: string };
export type AuthSpec = Exclude<StructuredAuth, { type: 'oauth2' }> | OAuth2Spec;

/** A parsed, validated and normalized server spec. */
export type ServerSpec = Omit<StructuredSpec, 'tools' | 'triggers' | 'auth'> & {
  tools: ToolSpec[];
  triggers: TriggerSpec[];
  auth: AuthSpec;
};
