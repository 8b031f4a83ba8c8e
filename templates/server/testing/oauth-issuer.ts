/**
 * A throwaway OAuth issuer for tests of servers whose spec uses `auth: oauth2`: it serves a JWKS on
 * 127.0.0.1 and mints RS256 access tokens, so a test can exercise the real verification path (jose, JWKS
 * fetch, issuer / audience / scope checks) without an authorization server.
 *
 *   const issuer = await startTestIssuer({ audience: 'https://mcp.example.com/mcp' });   // the spec's audience
 *   const server = await startServer(withTestIssuer(definition, issuer), inProcessHttpOptions(env));
 *   const token = await issuer.mint({ scopes: ['notes:read'] });
 *
 * `jose` is loaded only when an issuer starts (it is installed in every project that uses oauth2), so the
 * harness still compiles in projects without it.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MintOptions {
  readonly scopes?: readonly string[];
  /** Defaults to the audience given to `startTestIssuer`. */
  readonly audience?: string;
  readonly subject?: string;
  /** Negative values mint an already expired token. */
  readonly expiresInSeconds?: number;
  readonly issuer?: string;
}

export interface TestIssuer {
  readonly issuer: string;
  readonly jwksUrl: string;
  mint(options?: MintOptions): Promise<string>;
  close(): Promise<void>;
}

/** The slice of jose this file uses (typed here so the harness compiles without jose installed). */
interface JoseSubset {
  generateKeyPair(alg: string): Promise<{ publicKey: unknown; privateKey: unknown }>;
  exportJWK(key: unknown): Promise<Record<string, unknown>>;
  SignJWT: new (claims: Record<string, unknown>) => JoseBuilder;
}

interface JoseBuilder {
  setProtectedHeader(h: Record<string, unknown>): JoseBuilder;
  setIssuer(i: string): JoseBuilder;
  setAudience(a: string): JoseBuilder;
  setSubject(s: string): JoseBuilder;
  setIssuedAt(): JoseBuilder;
  setExpirationTime(t: number): JoseBuilder;
  sign(key: unknown): Promise<string>;
}

export async function startTestIssuer(options: { readonly audience?: string } = {}): Promise<TestIssuer> {
  const joseName = 'jose';
  const jose = (await import(joseName)) as JoseSubset;
  const { publicKey, privateKey } = await jose.generateKeyPair('RS256');
  const jwk = { ...(await jose.exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const server = createServer((req, res) => {
    const found = req.url === '/.well-known/jwks.json';
    res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(found ? { keys: [jwk] } : { error: 'not found' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/.well-known/jwks.json`,
    mint: async (mint = {}) => {
      const audience = mint.audience ?? options.audience;
      if (!audience) throw new Error('mint() needs an audience: pass it here or to startTestIssuer');
      return new jose.SignJWT({ scope: (mint.scopes ?? []).join(' ') })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(mint.issuer ?? issuer)
        .setAudience(audience)
        .setSubject(mint.subject ?? 'test-user')
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + (mint.expiresInSeconds ?? 300))
        .sign(privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface OAuthDefinitionLike {
  readonly config: { readonly auth: { readonly type: string } };
}

/** The same server definition, trusting the test issuer instead of the spec's. */
export function withTestIssuer<D extends OAuthDefinitionLike>(definition: D, issuer: TestIssuer): D {
  const auth = definition.config.auth;
  if (auth.type !== 'oauth2') throw new Error('withTestIssuer: the server does not use oauth2');
  return {
    ...definition,
    config: { ...definition.config, auth: { ...auth, issuer: issuer.issuer, jwksUrl: issuer.jwksUrl } },
  };
}
