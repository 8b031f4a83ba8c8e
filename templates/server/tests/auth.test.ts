/**
 * Inbound auth on the HTTP transport: API keys, static bearer tokens, and OAuth 2.1 resource-server mode
 * with jose-signed JWTs verified against a JWKS served by a local node:http server.
 */
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { definition } from '../fixtures/notes/src/server.gen.js';
import { type AuthConfig, defineTool } from '../lib/contract.js';
import { type RunningServer, startServer } from '../lib/main.js';
import { connectHttp, inProcessHttpOptions } from '../testing/harness.js';
import { startTestIssuer, withTestIssuer } from '../testing/oauth-issuer.js';
import {
  initializeBody,
  MCP_POST_HEADERS,
  rawRequest,
  sendJson,
  startUpstream,
  tempDir,
  withConfig,
} from './helpers.js';

const dir = tempDir('auth');
afterAll(() => dir.remove());

async function serve(auth: AuthConfig, env: Record<string, string> = {}): Promise<RunningServer> {
  return startServer(
    withConfig(definition, { auth }),
    inProcessHttpOptions({ NOTES_DB: `${dir.path}/n.db`, ...env }),
  );
}

function postInitialize(url: string, headers: Record<string, string> = {}) {
  return rawRequest(url, {
    method: 'POST',
    headers: { ...MCP_POST_HEADERS, ...headers },
    body: initializeBody(),
  });
}

describe('api_key auth', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve(
      { type: 'api_key', header: 'X-API-Key', envVar: 'KEYS' },
      { KEYS: 'key-one, key-two' },
    );
  });
  afterAll(() => server.close());

  it('accepts any configured key and rejects a wrong or missing one with 401', async () => {
    const url = server.url as string;
    expect((await postInitialize(url, { 'x-api-key': 'key-two' })).status).toBe(200);
    const wrong = await postInitialize(url, { 'x-api-key': 'key-three' });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({ error_description: 'invalid API key' });
    const missing = await postInitialize(url);
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.body).error_description).toMatch(/X-API-Key/);
  });

  it('lets a real client in with the key, in both eras', async () => {
    for (const era of ['legacy', 'modern'] as const) {
      const conn = await connectHttp(server.url as string, era, { headers: { 'X-API-Key': 'key-one' } });
      expect(await conn.call('word_count', { text: 'a b' })).toMatchObject({ status: 'ok' });
      await conn.close();
    }
    await expect(connectHttp(server.url as string, 'legacy')).rejects.toThrow();
  });

  it('keeps /healthz and /metrics open', async () => {
    expect((await rawRequest(server.url?.replace('/mcp', '/healthz') as string)).status).toBe(200);
    expect((await rawRequest(server.url?.replace('/mcp', '/metrics') as string)).status).toBe(200);
  });

  it('refuses to start when the keys env var is empty', async () => {
    await expect(serve({ type: 'api_key', header: 'X-API-Key', envVar: 'NO_KEYS' })).rejects.toThrow(
      /NO_KEYS is empty/,
    );
  });
});

describe('bearer auth', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve({ type: 'bearer', envVar: 'TOKENS' }, { TOKENS: 'tok-a,tok-b' });
  });
  afterAll(() => server.close());

  it('accepts a listed token and rejects others with a WWW-Authenticate challenge', async () => {
    const url = server.url as string;
    expect((await postInitialize(url, { authorization: 'Bearer tok-b' })).status).toBe(200);
    const bad = await postInitialize(url, { authorization: 'Bearer tok-c' });
    expect(bad.status).toBe(401);
    expect(bad.headers['www-authenticate']).toMatch(/^Bearer .*error="invalid_token"/);
    const none = await postInitialize(url);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer /);
    expect((await postInitialize(url, { authorization: 'Basic dG9rLWE=' })).status).toBe(401);
  });
});

describe('oauth2 resource server', () => {
  const audience = 'https://mcp.example.com/mcp';
  let jwks: Awaited<ReturnType<typeof startUpstream>>;
  let issuer: string;
  let server: RunningServer;
  let sign: (
    claims: Record<string, unknown>,
    opts?: { iss?: string; aud?: string; exp?: string | number },
  ) => Promise<string>;
  let foreignSign: typeof sign;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const foreign = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    jwks = await startUpstream((req, _body, res) => {
      if (req.url === '/.well-known/jwks.json') return sendJson(res, 200, { keys: [jwk] });
      sendJson(res, 404, {});
    });
    issuer = jwks.url;
    const signer =
      (key: Parameters<SignJWT['sign']>[0]) =>
      (claims: Record<string, unknown>, opts: { iss?: string; aud?: string; exp?: string | number } = {}) =>
        new SignJWT(claims)
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setIssuer(opts.iss ?? issuer)
          .setAudience(opts.aud ?? audience)
          .setSubject('user-1')
          .setIssuedAt()
          .setExpirationTime(opts.exp ?? '5m')
          .sign(key);
    sign = signer(privateKey);
    foreignSign = signer(foreign.privateKey);
    server = await serve({ type: 'oauth2', issuer, audience, scopes: ['notes:read'] });
  });
  afterAll(async () => {
    await server.close();
    await jwks.close();
  });

  it('accepts a valid token with the required scope, through a real client in both eras', async () => {
    const token = await sign({ scope: 'notes:read other' });
    expect((await postInitialize(server.url as string, { authorization: `Bearer ${token}` })).status).toBe(
      200,
    );
    for (const era of ['legacy', 'modern'] as const) {
      const conn = await connectHttp(server.url as string, era, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(await conn.call('word_count', { text: 'x' })).toMatchObject({ status: 'ok' });
      await conn.close();
    }
  });

  it.each([
    ['no token', async () => undefined, undefined],
    [
      'a token for another audience',
      async () => sign({ scope: 'notes:read' }, { aud: 'https://other.example.com' }),
      'another audience',
    ],
    [
      'an expired token',
      async () => sign({ scope: 'notes:read' }, { exp: Math.floor(Date.now() / 1000) - 120 }),
      'expired',
    ],
    [
      'a token from another issuer',
      async () => sign({ scope: 'notes:read' }, { iss: 'https://evil.example.com' }),
      'another issuer',
    ],
    ['a token signed with another key', async () => foreignSign({ scope: 'notes:read' }), 'signature'],
    ['garbage', async () => 'not.a.jwt', 'not valid'],
  ])('answers %s with 401 and the resource metadata URL', async (_label, makeToken, reason) => {
    const token = await makeToken();
    const res = await postInitialize(server.url as string, token ? { authorization: `Bearer ${token}` } : {});
    expect(res.status).toBe(401);
    const challenge = String(res.headers['www-authenticate']);
    expect(challenge).toContain(
      `resource_metadata="http://127.0.0.1:${server.port}/.well-known/oauth-protected-resource/mcp"`,
    );
    if (reason) expect(challenge).toContain(reason);
  });

  it('advertises MCP_PUBLIC_URL in the challenge when the server sits behind a proxy', async () => {
    const proxied = await serve(
      { type: 'oauth2', issuer, audience, scopes: [] },
      { MCP_PUBLIC_URL: 'https://mcp.example.com/mcp' },
    );
    try {
      const res = await postInitialize(proxied.url as string);
      expect(res.headers['www-authenticate']).toBe(
        'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource/mcp"',
      );
    } finally {
      await proxied.close();
    }
  });

  it('answers a token without the required scope with 403 insufficient_scope', async () => {
    const token = await sign({ scope: 'other' });
    const res = await postInitialize(server.url as string, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(403);
    expect(res.headers['www-authenticate']).toMatch(/error="insufficient_scope", scope="notes:read"/);
  });

  it('serves RFC 9728 protected resource metadata', async () => {
    for (const path of [
      '/.well-known/oauth-protected-resource',
      '/.well-known/oauth-protected-resource/mcp',
    ]) {
      const res = await rawRequest(server.url?.replace('/mcp', path) as string);
      expect(res.status).toBe(200);
      expect(JSON.parse(res.body)).toEqual({
        resource: audience,
        authorization_servers: [issuer],
        scopes_supported: ['notes:read'],
        bearer_methods_supported: ['header'],
        resource_name: 'notes',
      });
    }
  });
});

describe('test issuer from the harness', () => {
  it('lets a generated test mint tokens the server accepts, in both eras', async () => {
    const audience = 'https://notes.example.com/mcp';
    const issuer = await startTestIssuer({ audience });
    const whoami = defineTool({
      name: 'whoami',
      description: 'the caller',
      inputSchema: z.object({}),
      outputSchema: z.object({
        clientId: z.string(),
        scopes: z.array(z.string()),
        subject: z.string().optional(),
      }),
      wrap: 'none',
      implementation: { type: 'handler', handler: async (_args, ctx) => ({ ...ctx.caller }) },
    });
    const spec = withConfig(
      { ...definition, tools: [...definition.tools, whoami] },
      { auth: { type: 'oauth2', issuer: 'https://login.example.com', audience, scopes: ['notes'] } },
    );
    const server = await startServer(
      withTestIssuer(spec, issuer),
      inProcessHttpOptions({ NOTES_DB: `${dir.path}/i.db` }),
    );
    try {
      const token = await issuer.mint({ scopes: ['notes'] });
      for (const era of ['legacy', 'modern'] as const) {
        const conn = await connectHttp(server.url as string, era, {
          headers: { authorization: `Bearer ${token}` },
        });
        expect(await conn.call('word_count', { text: 'ok' })).toMatchObject({ status: 'ok' });
        expect(await conn.call('whoami', {})).toMatchObject({
          status: 'ok',
          structured: { clientId: 'test-user', scopes: ['notes'], subject: 'test-user' },
        });
        await conn.close();
      }
      const expired = await issuer.mint({ scopes: ['notes'], expiresInSeconds: -600 });
      expect(
        (await postInitialize(server.url as string, { authorization: `Bearer ${expired}` })).status,
      ).toBe(401);
      const unscoped = await issuer.mint();
      expect(
        (await postInitialize(server.url as string, { authorization: `Bearer ${unscoped}` })).status,
      ).toBe(403);
    } finally {
      await server.close();
      await issuer.close();
    }
  });
});

describe('without oauth2', () => {
  it('the metadata route is 404 when oauth2 is not configured', async () => {
    const server = await serve({ type: 'none' });
    try {
      expect(
        (await rawRequest(server.url?.replace('/mcp', '/.well-known/oauth-protected-resource') as string))
          .status,
      ).toBe(404);
    } finally {
      await server.close();
    }
  });
});
