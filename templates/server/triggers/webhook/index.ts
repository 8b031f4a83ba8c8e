/**
 * Webhook trigger: `POST <path>` on the server's HTTP listener (or the standalone one on stdio, see
 * router.ts). The request is checked (method, size, signature, JSON, not a replay of a signed delivery),
 * answered `202 { runId }` at once, and the tool runs after: a sender's timeout never depends on how long
 * the tool takes.
 * Event = { body, headers, query, path }.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  TriggerConfigError,
  type TriggerContext,
  type TriggerFactory,
  type WebhookEvent,
  type WebhookHandler,
  type WebhookTriggerConfig,
} from '../contract.js';
import { once } from '../run.js';
import { parseBody, readBody } from './read-body.js';
import { type ReplayMemory, replayMemory } from './replay.js';
import { type SignatureCheck, signatureChecker } from './signature.js';

export const start: TriggerFactory<WebhookTriggerConfig> = async (config, context) => {
  const check = secretCheck(config, context);
  const replays = config.secret ? replayMemory(config.secret.scheme) : undefined;
  const unmount = context.runtime.webhooks.add(config.path, webhookHandler(config, context, check, replays));
  context.log.info('webhook trigger mounted', { path: config.path, signed: config.secret?.scheme ?? 'no' });
  return {
    id: context.id,
    stop: once(async () => {
      unmount();
      await context.drain();
    }),
  };
};

function secretCheck(config: WebhookTriggerConfig, context: TriggerContext): SignatureCheck | undefined {
  if (!config.secret) return undefined;
  const secret = context.runtime.env[config.secret.envVar];
  // Accepting unsigned requests because the secret is missing would silently open the endpoint.
  if (!secret)
    throw new TriggerConfigError(
      `env var ${config.secret.envVar} (webhook ${config.path} secret) is not set`,
    );
  return signatureChecker(config.secret.scheme, secret);
}

export function webhookHandler(
  config: WebhookTriggerConfig,
  context: TriggerContext,
  check: SignatureCheck | undefined,
  replays?: ReplayMemory,
): WebhookHandler {
  return async (req, res, url) => {
    if (req.method !== 'POST') return reply(res, 405, { error: 'method not allowed' }, { allow: 'POST' });
    const read = await readBody(req, config.maxBodyBytes);
    if (!read.ok) return tooLarge(req, res, config.maxBodyBytes);
    const rejected = check?.(req.headers, read.body);
    if (rejected) {
      context.log.warn('webhook rejected', { reason: rejected });
      return reply(res, 401, { error: rejected });
    }
    const parsed = parseBody(read.body, req.headers['content-type']);
    if (!parsed) return reply(res, 400, { error: 'body is not valid JSON' });
    if (replays?.isReplay(req.headers)) {
      context.log.warn('webhook rejected', { reason: 'replayed delivery' });
      return reply(res, 409, { error: 'this delivery was already received' });
    }
    const event: WebhookEvent = {
      body: parsed.value,
      headers: flatHeaders(req),
      query: Object.fromEntries(url.searchParams),
      path: url.pathname,
    };
    const { runId } = context.dispatch(event);
    reply(res, 202, { runId });
  };
}

function tooLarge(req: IncomingMessage, res: ServerResponse, limit: number): void {
  // The rest of the body is not read: close the connection rather than drain an attacker's upload.
  reply(res, 413, { error: `body larger than ${limit} bytes` }, { connection: 'close' });
  res.once('finish', () => req.destroy());
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function reply(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
