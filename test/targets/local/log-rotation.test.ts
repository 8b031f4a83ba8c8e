/** The server's output is captured into size-rotated files and readable through `logs`, also while following. */
import { existsSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { connect, fixtureArtifact, testHome } from './helpers.js';

const env = testHome();
const { target } = env;
afterAll(() => env.cleanup());

describe('local target logs', () => {
  it('rotates the server log by size and keeps the configured number of files', async () => {
    const maxBytes = 128 * 1024;
    const info = await target.deploy(fixtureArtifact('chatty'), {
      transport: 'http',
      logRotation: { maxBytes, files: 3 },
    });
    const controller = new AbortController();
    const followed: string[] = [];
    const following = (async () => {
      for await (const line of target.logs('chatty', { tail: 0, follow: true, signal: controller.signal })) {
        followed.push(line);
        if (line === 'echo called: after-spam') controller.abort();
      }
    })();
    const session = await connect(info.endpoint);
    // Bursts with pauses, as a real server writes; each burst is below one file.
    for (let burst = 0; burst < 7; burst += 1) {
      await session.client.callTool({ name: 'spam', arguments: { bytes: 100 * 1024 } });
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await session.client.callTool({ name: 'echo', arguments: { text: 'after-spam' } });
    await session.close();
    await following;

    const log = `${info.deploymentDir}/server.log`;
    expect(existsSync(`${log}.1`)).toBe(true);
    expect(existsSync(`${log}.2`)).toBe(true);
    expect(existsSync(`${log}.3`)).toBe(false);
    for (const file of [log, `${log}.1`, `${log}.2`])
      expect(statSync(file).size).toBeLessThanOrEqual(maxBytes);
    // Following read every spammed line across several rotations, none lost.
    expect(followed.filter((line) => /^x{1023}$/.test(line))).toHaveLength(700);
    const tail: string[] = [];
    for await (const line of target.logs('chatty', { tail: 3 })) tail.push(line);
    expect(tail).toHaveLength(3);
    expect(tail.join('\n')).toContain('echo called: after-spam');
  });
});
