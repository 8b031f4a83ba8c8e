/**
 * Inbound authentication for the HTTP transport (stdio has none: whoever can spawn the process owns it).
 *
 *   api_key  – the configured header must carry one of the comma-separated keys in the env var
 *   bearer   – `Authorization: Bearer <token>` with one of the comma-separated tokens in the env var
 *   oauth2   – OAuth 2.1 resource server: a JWT verified against the issuer's JWKS (jose), checked for
 *              issuer, audience (RFC 8707) and scopes; RFC 9728 metadata is served by http-server.ts and
 *              advertised in `WWW-Authenticate: Bearer resource_metadata="…"`.
 *
 * Keys are compared in constant time (SHA-256 digests + timingSafeEqual, every key checked), and never logged.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthInfo } from '@modelcontextprotocol/server';
import type { JWTPayload } from 'jose';
import type { AuthConfig } from './contract.js';
import type { Redactor } from './safe-error.js';

export type AuthOutcome =
  | { readonly ok: true; readonly authInfo?: AuthInfo | undefined }
  | {
      readonly ok: false;
      readonly status: 401 | 403;
      readonly headers: Record<string, string>;
      readonly body: object;
    };

export interface AuthRequest {
  header(name: string): string | undefined;
  /** Absolute URL of the RFC 9728 document for this server, as a client reaches it. */
  readonly resourceMetadataUrl: string;
}

export interface AuthGate {
  readonly type: AuthConfig['type'];
  check(request: AuthRequest): Promise<AuthOutcome>;
}

/** Thrown at start-up when auth is configured but its env var is missing: refuse to run unprotected. */
export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
}

export function createAuthGate(
  config: AuthConfig,
  env: Readonly<Record<string, string | undefined>>,
  redactor: Redactor,
): AuthGate {
  switch (config.type) {
    case 'none':
      return { type: 'none', check: async () => ({ ok: true }) };
    case 'api_key': {
      const keys = readSecrets(config.envVar, env, redactor);
      return {
        type: 'api_key',
        check: async (req) => checkApiKey(req.header(config.header), keys, config.header),
      };
    }
    case 'bearer': {
      const tokens = readSecrets(config.envVar, env, redactor);
      return { type: 'bearer', check: async (req) => checkStaticBearer(req, tokens) };
    }
    case 'oauth2':
      return { type: 'oauth2', check: oauth2Checker(config) };
  }
}

function readSecrets(
  envVar: string,
  env: Readonly<Record<string, string | undefined>>,
  redactor: Redactor,
): Buffer[] {
  const values = (env[envVar] ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0);
  if (values.length === 0) {
    throw new AuthConfigError(
      `authentication is configured but ${envVar} is empty: set it to the accepted keys`,
    );
  }
  for (const value of values) redactor.add(value);
  return values.map(digest);
}

export function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** True when `presented` equals one of `accepted`; examines every entry so timing reveals nothing. */
export function matchesAny(presented: string, accepted: readonly Buffer[]): boolean {
  const candidate = digest(presented);
  let found = false;
  for (const key of accepted) found = timingSafeEqual(candidate, key) || found;
  return found;
}

function checkApiKey(value: string | undefined, keys: readonly Buffer[], header: string): AuthOutcome {
  if (value && matchesAny(value.trim(), keys)) return { ok: true };
  const error = value ? 'invalid API key' : `missing API key: send it in the ${header} header`;
  return { ok: false, status: 401, headers: {}, body: { error: 'unauthorized', error_description: error } };
}

function bearerToken(req: AuthRequest): string | undefined {
  const match = /^Bearer[ ]+([^\s]+)\s*$/i.exec(req.header('authorization') ?? '');
  return match?.[1];
}

function checkStaticBearer(req: AuthRequest, tokens: readonly Buffer[]): AuthOutcome {
  const token = bearerToken(req);
  if (token && matchesAny(token, tokens)) return { ok: true };
  return unauthorized(
    req,
    token ? 'invalid_token' : undefined,
    token ? 'the token is not valid' : undefined,
    false,
  );
}

function unauthorized(
  req: AuthRequest,
  error: string | undefined,
  description: string | undefined,
  withMetadata: boolean,
): AuthOutcome {
  const params = [withMetadata ? `resource_metadata="${req.resourceMetadataUrl}"` : 'realm="mcp"'];
  if (error) params.push(`error="${error}"`);
  if (description) params.push(`error_description="${description}"`);
  return {
    ok: false,
    status: 401,
    headers: { 'www-authenticate': `Bearer ${params.join(', ')}` },
    body: { error: error ?? 'unauthorized', error_description: description ?? 'authentication required' },
  };
}

type OAuth2Config = Extract<AuthConfig, { type: 'oauth2' }>;

export function jwksUrlOf(config: OAuth2Config): string {
  return config.jwksUrl ?? `${config.issuer.replace(/\/+$/, '')}/.well-known/jwks.json`;
}

function oauth2Checker(config: OAuth2Config): (req: AuthRequest) => Promise<AuthOutcome> {
  // jose is loaded on first use and the key set is cached by jose (refetched on unknown `kid`).
  let verifier: Promise<(token: string) => Promise<JWTPayload>> | undefined;
  const getVerifier = () => {
    verifier ??= import('jose').then(({ createRemoteJWKSet, jwtVerify }) => {
      const keys = createRemoteJWKSet(new URL(jwksUrlOf(config)), { timeoutDuration: 5000 });
      return async (token: string) =>
        (
          await jwtVerify(token, keys, {
            issuer: config.issuer,
            audience: config.audience,
            clockTolerance: 5,
          })
        ).payload;
    });
    return verifier;
  };
  return async (req) => {
    const token = bearerToken(req);
    if (!token) return unauthorized(req, undefined, undefined, true);
    let payload: JWTPayload;
    try {
      payload = await (await getVerifier())(token);
    } catch (error) {
      return unauthorized(req, 'invalid_token', describeJwtError(error), true);
    }
    const scopes = scopesOf(payload);
    const missing = config.scopes.filter((s) => !scopes.includes(s));
    if (missing.length > 0) return insufficientScope(req, config.scopes);
    return { ok: true, authInfo: toAuthInfo(token, payload, scopes, config.audience) };
  };
}

function insufficientScope(req: AuthRequest, required: readonly string[]): AuthOutcome {
  const scope = required.join(' ');
  return {
    ok: false,
    status: 403,
    headers: {
      'www-authenticate': `Bearer error="insufficient_scope", scope="${scope}", resource_metadata="${req.resourceMetadataUrl}"`,
    },
    body: { error: 'insufficient_scope', error_description: `requires scope: ${scope}` },
  };
}

/** jose error codes → a short reason safe to show (no token contents). */
function describeJwtError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const claim = (error as { claim?: unknown } | null)?.claim;
  if (code === 'ERR_JWT_EXPIRED') return 'the token has expired';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'aud')
    return 'the token is for another audience';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED' && claim === 'iss')
    return 'the token is from another issuer';
  if (code === 'ERR_JWT_CLAIM_VALIDATION_FAILED') return `the token claim "${String(claim)}" is not valid`;
  if (code === 'ERR_JWKS_NO_MATCHING_KEY' || code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') {
    return 'the token signature is not valid';
  }
  if (code === 'ERR_JWKS_TIMEOUT' || code === 'ERR_JOSE_GENERIC')
    return 'the signing keys could not be fetched';
  return 'the token is not valid';
}

function scopesOf(payload: JWTPayload): string[] {
  const scope = payload.scope;
  if (typeof scope === 'string') return scope.split(' ').filter(Boolean);
  const scp = payload.scp;
  if (Array.isArray(scp)) return scp.filter((s): s is string => typeof s === 'string');
  return typeof scp === 'string' ? scp.split(' ').filter(Boolean) : [];
}

function toAuthInfo(token: string, payload: JWTPayload, scopes: string[], audience: string): AuthInfo {
  const clientId = [payload.client_id, payload.azp, payload.sub].find((v) => typeof v === 'string') as
    | string
    | undefined;
  return {
    token,
    clientId: clientId ?? 'unknown',
    scopes,
    expiresAt: payload.exp,
    resource: URL.canParse(audience) ? new URL(audience) : undefined,
    extra: { sub: payload.sub },
  };
}

/** The RFC 9728 Protected Resource Metadata document. */
export function protectedResourceMetadata(config: OAuth2Config, serverName: string): Record<string, unknown> {
  return {
    resource: config.audience,
    authorization_servers: [config.issuer],
    scopes_supported: [...config.scopes],
    bearer_methods_supported: ['header'],
    resource_name: serverName,
  };
}
