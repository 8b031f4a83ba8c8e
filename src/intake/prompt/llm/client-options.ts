/**
 * What both LLM providers share: timeouts and retries (the official SDKs retry 429 and 5xx with backoff
 * and honour Retry-After), and one mapping of their errors to FactoryErrors that never repeat the key.
 */
import { FactoryError } from '../../../errors.js';
import type { Env } from '../providers.js';

export const DEFAULT_TIMEOUT_MS = 60_000;
export const DEFAULT_RETRIES = 2;

export interface ClientOptions {
  readonly timeout: number;
  readonly maxRetries: number;
}

/** MCP_LLM_TIMEOUT_MS / MCP_LLM_RETRIES override the defaults (tests use short ones). */
export function clientOptions(env: Env): ClientOptions {
  return {
    timeout: positive(env.MCP_LLM_TIMEOUT_MS) ?? DEFAULT_TIMEOUT_MS,
    maxRetries: positive(env.MCP_LLM_RETRIES, true) ?? DEFAULT_RETRIES,
  };
}

function positive(raw: string | undefined, zeroAllowed = false): number | undefined {
  const value = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(value) && (value > 0 || (zeroAllowed && value === 0)) ? value : undefined;
}

export function requireKey(env: Env, variable: string, provider: string): string {
  const key = env[variable];
  if (key) return key;
  throw new FactoryError('USAGE', `--provider ${provider} needs ${variable}`, {
    hint: `set ${variable}, or use --provider offline`,
  });
}

/** An SDK error (status, timeout, connection) as a FactoryError for its audience. */
export function providerError(provider: string, keyVariable: string, error: unknown): FactoryError {
  const status = (error as { status?: unknown }).status;
  const name = error instanceof Error ? error.constructor.name : '';
  if (status === 401 || status === 403) {
    return new FactoryError(
      'CREDENTIALS_REJECTED',
      `${provider} rejected the key in ${keyVariable} (HTTP ${status})`,
      {
        hint: `check ${keyVariable}, or use --provider offline`,
      },
    );
  }
  if (typeof status === 'number') {
    const why = status === 429 ? 'kept refusing with 429 (rate limited)' : `answered HTTP ${status}`;
    return new FactoryError('RUNTIME_FAILED', `${provider} ${why}, after retries`, {
      hint: 'try again later, or use --provider offline',
    });
  }
  if (/Timeout/.test(name)) {
    return new FactoryError('RUNTIME_FAILED', `${provider} did not answer in time`, {
      hint: 'raise MCP_LLM_TIMEOUT_MS, or use --provider offline',
    });
  }
  if (/Connection/.test(name)) {
    return new FactoryError('RUNTIME_FAILED', `cannot reach ${provider}`, {
      hint: 'check the base URL and the network',
    });
  }
  return error instanceof FactoryError
    ? error
    : new FactoryError('INTERNAL', `${provider} call failed`, { cause: error });
}
