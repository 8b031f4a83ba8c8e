/**
 * The data the server's own test file runs on: per tool, valid sample arguments, arguments that break its
 * input schema, the env vars it needs, and files to seed for file tools. Computed here (in the factory,
 * at generation time) and emitted as a literal, so the generated test has no schema logic of its own.
 */
import type { ConnectionSpec, ParameterSpec, ServerSpec, ToolSpec } from '../../spec/types.js';
import { connectionEnvVars } from '../env-vars.js';
import { sampleArguments, sampleValue } from '../sample-args.js';
import { outputPlan } from './output-schema.js';

export interface ToolCase {
  readonly name: string;
  /** Valid arguments, or null when none could be derived (the test is skipped and says why). */
  readonly valid: Record<string, unknown> | null;
  /** Arguments that break the input schema, or null when the tool takes none. */
  readonly invalid: Record<string, unknown> | null;
  /** Variables that must be set for the tool to run (its database or upstream service). */
  readonly needs: string[];
  /**
   * The tool may change the database or service its variables point at (not read-only): the test calls it
   * only when the user opts in, so a test run never writes into real data uninvited.
   */
  readonly writes: boolean;
  /** Its code is the user's handler, which may not be written yet. */
  readonly handler: boolean;
  /** The tool advertises an output schema, so a success must carry structuredContent. */
  readonly structured: boolean;
  /** The tool pages its results (limit / cursor / nextCursor). */
  readonly paginated: boolean;
  /** For file tools: the path (below the scratch root) to create before the call. */
  readonly seed: { readonly root: string; readonly path: string; readonly kind: 'file' | 'dir' } | null;
}

/** Connection types the test provides itself (a scratch file or folder), never the user's real data. */
export const SCRATCH_TYPES: ReadonlySet<ConnectionSpec['type']> = new Set(['sqlite', 'filesystem']);

export function toolCases(spec: ServerSpec): ToolCase[] {
  return spec.tools.map((tool) => {
    const needed = needs(spec, tool);
    return {
      name: tool.name,
      valid: validArguments(tool),
      invalid: invalidArguments(tool),
      needs: needed,
      writes: needed.length > 0 && !tool.annotations.readOnly,
      handler: tool.implementation.type === 'handler',
      structured: outputPlan(tool).schema !== undefined,
      paginated: tool.pagination !== undefined,
      seed: seedFor(spec, tool),
    };
  });
}

function validArguments(tool: ToolSpec): Record<string, unknown> | null {
  return sampleArguments(tool.parameters) ?? null;
}

const WRONG_TYPE: Record<ParameterSpec['type'], unknown> = {
  string: 12345,
  number: 'not a number',
  integer: 'not a number',
  boolean: 'not a boolean',
  array: 'not an array',
  object: 'not an object',
};

/** The valid call with one parameter of the wrong type (or a page size of 0 for a paginated tool). */
function invalidArguments(tool: ToolSpec): Record<string, unknown> | null {
  const entries = Object.entries(tool.parameters);
  const target = entries.find(([, p]) => p.required) ?? entries[0];
  const base = sampleArguments(tool.parameters) ?? {};
  if (target) {
    const [name, parameter] = target;
    const wrong = parameter.enum?.every((v) => typeof v === 'number')
      ? 'not in the enum'
      : WRONG_TYPE[parameter.type];
    return { ...base, [name]: wrong };
  }
  return tool.pagination ? { ...base, limit: 0 } : null;
}

function needs(spec: ServerSpec, tool: ToolSpec): string[] {
  const connection = spec.connections.find((c) => c.name === tool.connection);
  if (!connection || SCRATCH_TYPES.has(connection.type)) return [];
  return connectionEnvVars(connection)
    .filter((v) => v.required)
    .map((v) => v.name);
}

function seedFor(spec: ServerSpec, tool: ToolSpec): ToolCase['seed'] {
  const implementation = tool.implementation;
  if (implementation.type !== 'file' || implementation.operation === 'write') return null;
  const connection = spec.connections.find((c) => c.name === tool.connection);
  if (connection?.type !== 'filesystem') return null;
  const parameter = tool.parameters[implementation.pathParameter];
  const value = parameter?.required ? sampleValue(parameter) : (parameter?.default ?? '');
  if (typeof value !== 'string') return null;
  const kind = implementation.operation === 'list' ? 'dir' : 'file';
  return { root: connection.envVar, path: value, kind };
}
