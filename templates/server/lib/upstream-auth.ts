/**
 * The resolved upstream of an `http` / `graphql` connection: base URL from its env var, static headers
 * from the spec, and credentials from the auth env var. Secrets live only in memory, never in logs.
 */
import type { HttpConnectionConfig } from './contract.js';
import { ToolError } from './contract.js';

export interface UpstreamTarget {
  readonly name: string;
  readonly baseUrl: URL;
  /** Static spec headers plus the credentials header, ready to send. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
}

export function upstreamTarget(
  config: HttpConnectionConfig,
  baseUrl: string,
  env: Readonly<Record<string, string | undefined>>,
): UpstreamTarget {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ToolError(`connection "${config.name}": ${config.envVar} is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ToolError(`connection "${config.name}": ${config.envVar} must be an http(s) URL`);
  }
  return {
    name: config.name,
    baseUrl: url,
    headers: { ...config.headers, ...authHeaders(config, env) },
    timeoutMs: config.timeoutMs,
  };
}

function authHeaders(
  config: HttpConnectionConfig,
  env: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const auth = config.auth;
  if (auth.type === 'none') return {};
  const secret = env[auth.envVar]?.trim();
  if (!secret) {
    throw new ToolError(
      `connection "${config.name}" needs credentials: set the environment variable ${auth.envVar}`,
    );
  }
  switch (auth.type) {
    case 'bearer':
      return { authorization: `Bearer ${secret}` };
    case 'basic':
      return { authorization: `Basic ${Buffer.from(secret, 'utf8').toString('base64')}` };
    case 'api_key':
      return { [auth.header]: secret };
  }
}
