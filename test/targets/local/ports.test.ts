/** Ports: a free one is picked when none is given, moved on `start` if taken meanwhile; a pinned one never moves. */
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { FactoryError } from '../../../src/errors.js';
import { freePort } from '../../../src/targets/local/free-port.js';
import { fixtureArtifact, testHome } from './helpers.js';

const env = testHome();
const { target } = env;
afterAll(() => env.cleanup());

function occupy(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('local target ports', () => {
  it('moves a picked port that was taken while stopped, and updates the client config', async () => {
    const info = await target.deploy(fixtureArtifact('movable'), { transport: 'http' });
    await target.stop('movable');
    const squatter = await occupy(info.port);
    try {
      const started = await target.start('movable');
      expect(started.state).toBe('running');
      expect(started.port).not.toBe(info.port);
      expect(started.clientConfig).toEqual({
        mcpServers: { movable: { type: 'http', url: started.endpoint } },
      });
      expect((await target.health('movable')).ok).toBe(true);
    } finally {
      squatter.close();
      await target.remove('movable');
    }
  });

  it('fails clearly when a pinned port is taken, with the server log in the error', async () => {
    const port = await freePort();
    const squatter = await occupy(port);
    try {
      const error = await target
        .deploy(fixtureArtifact('pinned'), {
          transport: 'http',
          port,
          restart: { maxRestarts: 1, initialDelayMs: 20 },
        })
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(FactoryError);
      expect((error as FactoryError).code).toBe('RUNTIME_FAILED');
      expect((error as FactoryError).message).toContain('EADDRINUSE');
      expect((await target.status('pinned')).port).toBe(port);
    } finally {
      squatter.close();
    }
  });
});
