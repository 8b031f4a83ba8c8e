/**
 * The engine answers builds, pulls and imports with a stream of JSON progress messages and reports a
 * failure inside that stream (`{"error": …}`) rather than as an HTTP status: wait for the end and turn an
 * error message into a rejection.
 */
import type { Engine } from './engine.js';

export interface ProgressEvent {
  readonly stream?: string;
  readonly status?: string;
  readonly error?: string;
  readonly errorDetail?: { readonly message?: string };
  readonly aux?: { readonly ID?: string };
}

export function followProgress(
  engine: Engine,
  stream: NodeJS.ReadableStream,
  onEvent: (event: ProgressEvent) => void = () => undefined,
): Promise<ProgressEvent[]> {
  return new Promise((resolve, reject) => {
    engine.modem.followProgress(
      stream,
      (error: Error | null, events: ProgressEvent[]) => {
        if (error) return reject(error);
        const failed = events.find((event) => event.error !== undefined);
        if (failed) return reject(new Error(failed.errorDetail?.message ?? failed.error));
        resolve(events);
      },
      onEvent,
    );
  });
}
