/**
 * Lines out of the engine's log endpoints (container and service). Without a TTY the engine multiplexes
 * stdout and stderr into frames — 8-byte header (stream, 0, 0, 0, big-endian length) then the payload —
 * which may split anywhere across chunks; a follow stream ends when the signal aborts.
 */

const HEADER = 8;

/** Frame payloads of a multiplexed log body, whatever the chunking. */
export async function* demultiplex(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let pending = Buffer.alloc(0);
  for await (const chunk of chunks) {
    pending = Buffer.concat([pending, typeof chunk === 'string' ? Buffer.from(chunk) : chunk]);
    while (pending.length >= HEADER) {
      const size = pending.readUInt32BE(4);
      if (pending.length < HEADER + size) break;
      yield pending.subarray(HEADER, HEADER + size);
      pending = pending.subarray(HEADER + size);
    }
  }
}

/** Text lines of a stream of payloads (a line may span payloads; a last unterminated line is kept). */
export async function* textLines(payloads: AsyncIterable<Buffer>): AsyncGenerator<string> {
  let partial = '';
  for await (const payload of payloads) {
    const parts = (partial + payload.toString('utf8')).split('\n');
    partial = parts.pop() ?? '';
    for (const line of parts) yield line.replace(/\r$/, '');
  }
  if (partial !== '') yield partial;
}

/** The engine returns a Buffer for a finished log and a stream for a followed one. */
export async function* logBodyLines(
  body: NodeJS.ReadableStream | Buffer,
  signal?: AbortSignal,
): AsyncGenerator<string> {
  if (Buffer.isBuffer(body)) {
    yield* textLines(demultiplex(once(body)));
    return;
  }
  const stream = body as NodeJS.ReadableStream & { destroy?: () => void };
  const stop = () => stream.destroy?.();
  if (signal?.aborted) return stop();
  signal?.addEventListener('abort', stop, { once: true });
  try {
    yield* textLines(demultiplex(stream as AsyncIterable<Buffer>));
  } catch (error) {
    if (!signal?.aborted) throw error;
  } finally {
    signal?.removeEventListener('abort', stop);
    stop();
  }
}

async function* once(buffer: Buffer): AsyncGenerator<Buffer> {
  yield buffer;
}
