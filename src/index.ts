/** The programmatic API of mcp-factory. Only what is exported here is public. */

export { type Audience, type ErrorCode, errorBody, FactoryError } from './errors.js';
// Generator: spec → plan (pure) → files on disk.
export {
  type BundleResult,
  bundle,
  type CheckResult,
  check,
  type GenerationPlan,
  generateProject,
  loadTemplates,
  type PlannedFile,
  type PlanOptions,
  plan,
  type WriteResult,
  write,
} from './generator/index.js';
export { resolveHome } from './home.js';
// Registry: the catalogue of servers, versions, tools, deployments and usage.
export {
  type Deployment,
  type OpenRegistryOptions,
  openRegistry,
  type Registry,
  type SearchHit,
  type ServerSummary,
  type ServerVersion,
} from './registry/index.js';
// Use cases, as the CLI runs them.
export { type CreateServerOptions, type CreateServerResult, createServer } from './services/create-server.js';
export { type DeployServerOptions, type DeployServerResult, deployServer } from './services/deploy-server.js';
export { createFactoryContext, type FactoryContext, withFactory } from './services/factory-context.js';
export { changeDeployment } from './services/lifecycle.js';
export { type ListServersResult, listServers } from './services/list-servers.js';
export { type RemoveServerResult, removeServer } from './services/remove-server.js';
export { type ServerStatus, serverStatus } from './services/server-status.js';
export { callTool, type TestAllReport, type ToolCallReport, testAllTools } from './services/test-server.js';
// Intake: text in, `{ spec, errors, warnings }` out.
export {
  type Diagnostic,
  formatDiagnostics,
  loadSpec,
  type ParseResult,
  parseSpec,
  SpecSchema,
} from './spec/index.js';
export type { ConnectionSpec, ServerSpec, ToolSpec, TriggerSpec } from './spec/types.js';
// Deployment targets.
export {
  type Artifact,
  createTargets,
  type DeploymentInfo,
  type DeploymentState,
  type Target,
  type TargetKind,
} from './targets/index.js';
export { LocalTarget } from './targets/local/local-target.js';
