/**
 * The spec intake: parse YAML/JSON text into a validated, normalized `ServerSpec` with diagnostics.
 * Everything other modules need from spec/ is exported here.
 */
export type { Diagnostic, Severity } from './diagnostics.js';
export { formatDiagnostics, summaryLine } from './format.js';
export { buildJsonSchema, JSON_SCHEMA_PATH, jsonSchemaText } from './json-schema.js';
export { loadSpec } from './load.js';
export { normalize } from './normalize.js';
export { type ParseOptions, type ParseResult, parseSpec } from './parse.js';
export { formatPath, type PathSegment } from './path.js';
export { type SpecInput, SpecSchema } from './schema.js';
export { describeSpec } from './summary.js';
export type {
  AnnotationsSpec,
  AuthSpec,
  ConnectionSpec,
  HttpImplementationSpec,
  ImplementationSpec,
  OAuth2Spec,
  PaginationSpec,
  ParameterSpec,
  QueueTriggerSpec,
  ReturnsSpec,
  ServerSpec,
  ToolSpec,
  TriggerSpec,
} from './types.js';
