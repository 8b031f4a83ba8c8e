/**
 * The start gate: a host that imports the entry early (the microVM target's warm snapshot) holds
 * startServer back until it has supplied the environment; without a gate nothing waits.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { definition } from '../fixtures/notes/src/server.gen.js';
import { type RunningServer, START_GATE, startServer } from '../lib/main.js';
import { inProcessHttpOptions } from '../testing/harness.js';
import { tempDir } from './helpers.js';

const dir = tempDir('gate');
const globals = globalThis as Record<symbol, unknown>;
afterEach(() => {
  delete globals[START_GATE];
  dir.remove();
});

describe('start gate', () => {
  it('startServer waits for globalThis[START_GATE] before reading its options and env', async () => {
    let open: () => void = () => undefined;
    globals[START_GATE] = new Promise<void>((resolve) => {
      open = resolve;
    });
    let server: RunningServer | undefined;
    const starting = startServer(definition, inProcessHttpOptions({ NOTES_DB: join(dir.path, 'a.db') })).then(
      (running) => {
        server = running;
        return running;
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server).toBeUndefined();
    open();
    const running = await starting;
    expect(running.started).toBe(true);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    await running.close();
  });
});
