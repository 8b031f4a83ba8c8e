/**
 * How a container's server last ended. While it runs again after a restart, the engine's inspection no
 * longer holds the exit code of the crash (it is reset on start); its event log does: the last `die` event.
 */
import type { ExitInfo } from '../target.js';
import type { Engine } from './engine.js';
import { signalOf } from './exit-words.js';

interface DieEvent {
  readonly time?: number;
  readonly timeNano?: number;
  readonly Actor?: { readonly Attributes?: Record<string, string> };
}

export async function lastDie(
  engine: Engine,
  containerId: string,
  sinceIso: string,
): Promise<ExitInfo | undefined> {
  const since = Math.floor(Date.parse(sinceIso) / 1000);
  const stream = await engine.getEvents({
    since,
    until: Math.ceil(Date.now() / 1000),
    filters: { type: ['container'], container: [containerId], event: ['die'] },
  });
  let text = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) text += chunk.toString('utf8');
  const events = text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as DieEvent);
  const last = events.at(-1);
  if (last === undefined) return undefined;
  const code = Number(last.Actor?.Attributes?.exitCode ?? Number.NaN);
  if (!Number.isInteger(code)) return undefined;
  const at = new Date(last.timeNano ? last.timeNano / 1e6 : (last.time ?? 0) * 1000).toISOString();
  return { code, signal: signalOf(code), at };
}
