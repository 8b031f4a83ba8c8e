/** Reads a request body up to a byte limit without buffering more than the limit. */
import type { IncomingMessage } from 'node:http';

export type BodyRead =
  | { readonly ok: true; readonly body: Buffer }
  | { readonly ok: false; readonly tooLarge: true };

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return { ok: false, tooLarge: true };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBytes) return { ok: false, tooLarge: true };
    chunks.push(buffer);
  }
  return { ok: true, body: Buffer.concat(chunks) };
}

/** JSON when it parses; text otherwise, unless the sender said it was JSON (then undefined: a 400). */
export function parseBody(body: Buffer, contentType: string | undefined): { value: unknown } | undefined {
  if (body.length === 0) return { value: null };
  const text = body.toString('utf8');
  try {
    return { value: JSON.parse(text) };
  } catch {
    return contentType?.toLowerCase().includes('json') ? undefined : { value: text };
  }
}
