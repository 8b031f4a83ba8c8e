/**
 * Webhook signatures, checked over the raw body bytes with constant-time compares:
 *  - github:   `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(secret, body)>`
 *  - standard: Standard Webhooks v1 — `webhook-signature: v1,<base64 HMAC-SHA256(key, id.timestamp.body)>`
 *              (space-separated list), key = base64 of the secret after `whsec_`, and `webhook-timestamp`
 *              within TOLERANCE_SECONDS of now so a captured request cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOLERANCE_SECONDS = 5 * 60;

export type SignatureScheme = 'github' | 'standard';

/** undefined when the signature is valid, else why not (safe to send back: it names no secret). */
export type SignatureCheck = (
  headers: IncomingHttpHeaders,
  body: Buffer,
  nowMs?: number,
) => string | undefined;

export function signatureChecker(scheme: SignatureScheme, secret: string): SignatureCheck {
  return scheme === 'github' ? githubChecker(secret) : standardChecker(secret);
}

function githubChecker(secret: string): SignatureCheck {
  return (headers, body) => {
    const given = header(headers, 'x-hub-signature-256');
    if (!given) return 'missing X-Hub-Signature-256 header';
    const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    return safeEqual(given.trim().toLowerCase(), expected) ? undefined : 'invalid signature';
  };
}

function standardChecker(secret: string): SignatureCheck {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return (headers, body, nowMs = Date.now()) => {
    const id = header(headers, 'webhook-id');
    const timestamp = header(headers, 'webhook-timestamp');
    const signatures = header(headers, 'webhook-signature');
    if (!id || !timestamp || !signatures)
      return 'missing webhook-id, webhook-timestamp or webhook-signature header';
    const seconds = Number(timestamp);
    if (!/^\d+$/.test(timestamp) || Math.abs(nowMs / 1000 - seconds) > TOLERANCE_SECONDS)
      return 'webhook-timestamp is too old or too far in the future';
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
    const matches = signatures
      .split(' ')
      .filter((entry) => entry.startsWith('v1,'))
      .some((entry) => safeEqual(entry.slice(3), expected));
    return matches ? undefined : 'invalid signature';
  };
}

/** Constant-time for equal lengths; a length difference says nothing about the secret. */
function safeEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Test and tooling helper: the headers a sender would attach (both schemes). */
export function signPayload(
  scheme: SignatureScheme,
  secret: string,
  body: string | Buffer,
  options: { id?: string; timestampSeconds?: number } = {},
): Record<string, string> {
  if (scheme === 'github')
    return { 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` };
  const id = options.id ?? `msg_${Date.now()}`;
  const timestamp = String(options.timestampSeconds ?? Math.floor(Date.now() / 1000));
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
