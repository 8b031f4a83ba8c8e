// Created once by mcp-factory; this file is yours. It is never overwritten when the server is regenerated.
import { NOT_IMPLEMENTED_MARKER, type ToolContext, ToolError } from '../lib/contract.js';
import type { Args, Result } from '../tools/class.js';

/** another reserved word */
export default async function handler(args: Args, context: ToolContext): Promise<Result> {
  // Do the work here and return the result (it must match the tool's outputSchema, if any).
  // Throw ToolError('message') for a failure the caller should see; use context.connection(name)
  // for a connection declared in mcp.spec.yaml and context.log for logs.
  context.log.warn('handler not implemented', { argumentNames: Object.keys(args) });
  throw new ToolError(`${NOT_IMPLEMENTED_MARKER} ${"tool \"class\" — write its handler in src/handlers/class.ts"}`);
}
