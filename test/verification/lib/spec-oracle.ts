/**
 * The verdict on one spec text, from the runtime's point of view: `crash` when parsing throws instead of
 * reporting, `unusable` when the spec is accepted but something the generated server or its files would do
 * with it fails (a header fetch refuses, a resource URI the SDK cannot look up, NUL in SQL, a variable that
 * .env.example smuggles in, a pattern the server cannot compile, a generator error, an expansion past the
 * limits), else `accepted` or `refused`. The checks are the runtime's own, not the validator's rules again.
 */
import { parseEnv } from 'node:util';
import { envExample } from '../../../src/generator/emit/project-files.js';
import { envVars } from '../../../src/generator/env-vars.js';
import { plan } from '../../../src/generator/plan.js';
import type { TemplateFiles } from '../../../src/generator/types.js';
import { parseSpec, type ServerSpec } from '../../../src/spec/index.js';
import { MAX_EXPANDED_BYTES } from '../../../src/spec/limits.js';
import type { ParameterSpec } from '../../../src/spec/types.js';

export type Outcome = 'refused' | 'accepted' | 'crash' | 'unusable';

export interface Verdict {
  readonly outcome: Outcome;
  readonly detail?: string;
}

/** Patterns that take exponential time on some input in a backtracking engine (the warning must say so). */
const EXPONENTIAL = new Set(['^(a+)+$', '(x+x+)+y', '^(\\w+\\s?)*$']);

export function judge(text: string, templates: TemplateFiles): Verdict {
  let result: ReturnType<typeof parseSpec>;
  try {
    result = parseSpec(text);
  } catch (error) {
    return { outcome: 'crash', detail: (error as Error).stack?.slice(0, 500) };
  }
  if (!result.spec) return { outcome: 'refused' };
  const problem =
    unusable(result.spec, templates) ??
    silentPattern(
      result.spec,
      result.warnings.map((w) => w.path),
    );
  return problem ? { outcome: 'unusable', detail: problem } : { outcome: 'accepted' };
}

function unusable(spec: ServerSpec, templates: TemplateFiles): string | undefined {
  if (JSON.stringify(spec).length > 2 * MAX_EXPANDED_BYTES)
    return 'accepted spec larger than twice the expanded limit';
  for (const connection of spec.connections) {
    if (connection.type !== 'http' && connection.type !== 'graphql') continue;
    const headers = { ...connection.headers };
    if (connection.auth.type === 'api_key') headers[connection.auth.header] = 'key';
    const refused = headerProblem(headers);
    if (refused) return `connection ${connection.name}: ${refused}`;
  }
  for (const tool of spec.tools) {
    const implementation = tool.implementation;
    if (implementation.type === 'http' && headerProblem(implementation.headers))
      return `tool ${tool.name}: header`;
    if (implementation.type === 'sql' && implementation.statement.includes('\0'))
      return `tool ${tool.name}: NUL in SQL`;
    const pattern = patternProblem(tool.parameters);
    if (pattern) return `tool ${tool.name}: ${pattern}`;
  }
  for (const resource of spec.resources) {
    if (!sdkFinds(resource.uri))
      return `resource ${JSON.stringify(resource.uri.slice(0, 80))} cannot be read`;
  }
  return envFileProblem(spec) ?? generatorProblem(spec, templates);
}

/** What fetch does with the headers (undici's own name and value checks). */
function headerProblem(headers: Readonly<Record<string, string>>): string | undefined {
  try {
    new Headers(headers);
    return undefined;
  } catch (error) {
    return `fetch refuses the headers: ${(error as Error).message}`;
  }
}

/** The SDK looks a resource up under `new URL(uri).toString()` of the URI the client sends. */
function sdkFinds(uri: string): boolean {
  try {
    return new URL(uri).toString() === uri;
  } catch {
    return false;
  }
}

/** The generated server compiles every pattern as `new RegExp(pattern, "u")`. */
function patternProblem(parameters: Readonly<Record<string, ParameterSpec>>): string | undefined {
  for (const [name, parameter] of Object.entries(parameters)) {
    if (parameter.pattern === undefined) continue;
    try {
      new RegExp(parameter.pattern, 'u');
    } catch {
      return `pattern of ${name} does not compile`;
    }
  }
  return undefined;
}

/** Accepting an exponential pattern is allowed only with the warning that says so. */
function silentPattern(spec: ServerSpec, warned: readonly string[]): string | undefined {
  for (const [t, tool] of spec.tools.entries()) {
    for (const [name, parameter] of Object.entries(tool.parameters)) {
      const path = `tools[${t}].parameters.${name}.pattern`;
      if (parameter.pattern && EXPONENTIAL.has(parameter.pattern) && !warned.includes(path)) {
        return `exponential pattern ${parameter.pattern} accepted without a warning`;
      }
    }
  }
  return undefined;
}

/** Node's .env parser must read back exactly the variables the file lists, nothing smuggled in. */
function envFileProblem(spec: ServerSpec): string | undefined {
  const variables = envVars(spec);
  const names = new Set(variables.map((v) => v.name));
  const smuggled = Object.keys(parseEnv(envExample(variables))).filter((key) => !names.has(key));
  return smuggled.length > 0 ? `.env.example defines ${smuggled.join(', ')}` : undefined;
}

function generatorProblem(spec: ServerSpec, templates: TemplateFiles): string | undefined {
  try {
    plan(spec, templates);
    return undefined;
  } catch (error) {
    return `the generator throws: ${(error as Error).message.slice(0, 200)}`;
  }
}
