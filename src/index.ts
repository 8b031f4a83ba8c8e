/** The programmatic API of mcp-factory. Only what is exported here is public. */
export { type Audience, type ErrorCode, FactoryError } from './errors.js';
export type { ConnectionSpec, ServerSpec, SpecInput, ToolSpec, TriggerSpec } from './spec/schema.js';
