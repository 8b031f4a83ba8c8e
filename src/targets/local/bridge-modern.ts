/**
 * 2026-07-28 traffic on the bridge, served by the SDK's own HTTP entry (`createMcpHandler` with
 * `legacy: 'reject'`, legacy traffic being the sessions' business): the modern HTTP rules (protocol-version
 * and Mcp-Method / Mcp-Name header checks, `_meta` validation, 404 for removed methods,
 * `subscriptions/listen`) are the SDK's, exactly as on a generated server that serves HTTP itself.
 *
 * Each request gets a low-level `Server` that speaks for the stdio server: its identity, capabilities and
 * instructions are the stdio server's own (asked once with `server/discover`), and a request for a method
 * those capabilities serve is forwarded as it came to a pooled child (bridge-modern-pool.ts), whose answer
 * or error is returned unchanged. Any other method is left to the SDK (its own `server/discover`, the
 * subscription router, 404 for a method the server does not implement).
 */
import {
  createMcpHandler,
  type Implementation,
  isJSONRPCErrorResponse,
  isJSONRPCResultResponse,
  type JSONRPCMessage,
  type JSONRPCRequest,
  type McpRequestContext,
  ProtocolError,
  type Result,
  Server,
  type ServerCapabilities,
} from '@modelcontextprotocol/server';
import type { ModernPool } from './bridge-modern-pool.js';

const MODERN = '2026-07-28';
const DISCOVER: JSONRPCRequest = {
  jsonrpc: '2.0',
  id: 'bridge-discover',
  method: 'server/discover',
  params: {
    _meta: {
      'io.modelcontextprotocol/protocolVersion': MODERN,
      'io.modelcontextprotocol/clientCapabilities': {},
    },
  },
};

interface Identity {
  readonly serverInfo: Implementation;
  readonly capabilities: ServerCapabilities;
  readonly instructions?: string;
}

export interface ModernLeg {
  fetch(request: Request): Promise<Response>;
  close(): Promise<void>;
}

export function createModernLeg(pool: ModernPool, onerror: (error: Error) => void): ModernLeg {
  let identity: Promise<Identity> | undefined;
  const discovered = () => {
    identity ??= discover(pool).catch((error: unknown) => {
      identity = undefined; // ask again on the next request
      throw error;
    });
    return identity;
  };
  const factory = async (context: McpRequestContext) => {
    const method = context.requestInfo?.headers.get('mcp-method') ?? '';
    return proxyServer(await discovered(), pool, method);
  };
  const handler = createMcpHandler(factory, {
    legacy: 'reject',
    responseMode: 'json',
    onerror,
  });
  return { fetch: (request) => handler.fetch(request), close: () => handler.close() };
}

async function discover(pool: ModernPool): Promise<Identity> {
  const result = unwrap(await pool.exchange(DISCOVER)) as {
    capabilities?: ServerCapabilities;
    instructions?: string;
    _meta?: Record<string, unknown>;
  };
  const serverInfo = result._meta?.['io.modelcontextprotocol/serverInfo'] as Implementation | undefined;
  return {
    serverInfo: serverInfo ?? { name: 'stdio-server', version: '0.0.0' },
    capabilities: result.capabilities ?? {},
    ...(result.instructions === undefined ? {} : { instructions: result.instructions }),
  };
}

/** The methods each capability brings (the 2026-07-28 ones a stdio server answers itself). */
const METHODS_OF: Readonly<Record<string, readonly string[]>> = {
  tools: ['tools/list', 'tools/call'],
  resources: ['resources/list', 'resources/read', 'resources/templates/list'],
  prompts: ['prompts/list', 'prompts/get'],
  completions: ['completion/complete'],
};

/** `method` is the request's Mcp-Method header, which the SDK has checked against its body. */
function proxyServer(identity: Identity, pool: ModernPool, method: string): Server {
  const server = new Server(identity.serverInfo, {
    capabilities: identity.capabilities,
    ...(identity.instructions === undefined ? {} : { instructions: identity.instructions }),
  });
  const served = Object.keys(identity.capabilities).some((key) => METHODS_OF[key]?.includes(method));
  if (served) server.fallbackRequestHandler = async (request) => unwrap(await pool.exchange(request));
  return server;
}

/** The child's result, or its error raised again so the SDK answers with the same code and message. */
function unwrap(response: JSONRPCMessage): Result {
  if (isJSONRPCResultResponse(response)) return response.result;
  if (isJSONRPCErrorResponse(response)) {
    throw new ProtocolError(response.error.code, response.error.message, response.error.data);
  }
  throw new Error('the stdio server answered with something that is not a response');
}
