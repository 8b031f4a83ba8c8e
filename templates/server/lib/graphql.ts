/**
 * The `graphql` implementation: POST the spec's document with the tool arguments as variables; GraphQL
 * `errors` in an otherwise 200 answer are tool errors too.
 */
import { ToolError } from './contract.js';
import { fetchUpstream, pickPath, readResponse } from './http-call.js';
import { isPlainObject } from './json-safe.js';
import type { UpstreamTarget } from './upstream-auth.js';

export interface GraphqlRequest {
  readonly document: string;
  readonly resultPath?: string | undefined;
  readonly args: Readonly<Record<string, unknown>>;
  readonly signal: AbortSignal;
}

export async function callGraphql(target: UpstreamTarget, request: GraphqlRequest): Promise<unknown> {
  const response = await fetchUpstream(target, new URL(target.baseUrl.href), {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/json', ...target.headers },
    body: JSON.stringify({ query: request.document, variables: request.args }),
    signal: request.signal,
  });
  const payload = await readResponse(target, response);
  if (!isPlainObject(payload))
    throw new ToolError(`upstream "${target.name}" did not answer with GraphQL JSON`);
  const errors = payload.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    const messages = errors.map((e) => (isPlainObject(e) ? String(e.message ?? 'error') : String(e)));
    throw new ToolError(`GraphQL error: ${messages.join('; ')}`);
  }
  const data = payload.data ?? null;
  return pickPath(data, request.resultPath);
}
