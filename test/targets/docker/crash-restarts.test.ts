/**
 * A server that dies inside its container is restarted by Docker's on-failure policy and reported with
 * the restart counted — never as simply running — and as `failed`, with the reason, once the policy gives
 * up. The crash is real: the engine delivers SIGUSR2, which the container's init forwards to node, whose
 * default action for it is to die (exit 128 + 12).
 */
import { once } from 'node:events';
import { type AddressInfo, createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DockerTarget } from '../../../src/targets/docker/docker-target.js';
import type { DeploymentInfo } from '../../../src/targets/target.js';
import { callJson, connect, waitFor } from '../local/helpers.js';
import { DOCKER_HOST, NEEDS_ENGINE, notesServerSuite, uniqueName } from './helpers.js';

const NAME = uniqueName('dkt-crash');

describe.skipIf(DOCKER_HOST === undefined)(`docker target, crashes ${NEEDS_ENGINE}`, () => {
  const suite = notesServerSuite(NAME);

  const crash = () => suite.engine.getContainer(`mcp-factory-${NAME}`).kill({ signal: 'SIGUSR2' });
  const settled = (predicate: (info: DeploymentInfo) => boolean) =>
    waitFor(async () => {
      const info = await suite.target.status(NAME);
      return predicate(info) ? info : undefined;
    }, 10_000);

  it('a crash is restarted and counted; the server answers again; past the policy it is failed', async () => {
    const deployed = await suite.target.deploy(suite.artifact, { restart: { maxRestarts: 1 } });
    expect(deployed.restarts).toBe(0);

    await crash();
    const back = await settled((info) => info.restarts === 1 && info.state === 'running');
    expect(back.lastExit).toMatchObject({ code: 140, signal: 'SIGUSR2' });
    const session = await connect(back.endpoint);
    expect(await callJson(session.client, 'search_notes', {})).toBeDefined();
    await session.close();

    await crash();
    const failed = await settled((info) => info.state === 'failed');
    expect(failed.restarts).toBe(1);
    expect(failed.reason).toMatch(/exited with code 140 \(SIGUSR2\).*restart policy gave up after 1 restart/);
    expect((await suite.target.health(NAME)).ok).toBe(false);

    const started = await suite.target.start(NAME);
    expect(started.state).toBe('running');
  }, 90_000); // the suite's first deploy builds the image (and the watcher's bundle): ≈25 s on a busy machine

  it('a server that cannot start fails the deploy with the end of its log, not a timeout', async () => {
    const broken = { ...suite.artifact, image: { ...suite.artifact.image!, entry: 'dist/missing.mjs' } };
    const failure = await suite.target
      .deploy(broken, { restart: { maxRestarts: 1 } })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'RUNTIME_FAILED' });
    expect(String((failure as Error).message)).toMatch(
      /failed to start in Docker: exited with code 1[\s\S]*Cannot find module/,
    );
    expect((await suite.target.status(NAME)).state).toBe('failed');
  });
  it('a deploy that is not healthy in time fails, stops what it started and says why in status', async () => {
    const failure = await suite.target
      .deploy(suite.artifact, { readyTimeoutMs: 1 })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({
      code: 'RUNTIME_FAILED',
      message: expect.stringMatching(/not healthy within 1 ms/),
    });
    const status = await suite.target.status(NAME);
    expect(status.state).toBe('failed');
    expect(status.reason).toMatch(/deploy\/start gave up: not healthy within 1 ms/);
    expect((await suite.engine.getContainer(`mcp-factory-${NAME}`).inspect()).State.Running).toBe(false);
    expect((await suite.target.start(NAME, { readyTimeoutMs: 30_000 })).state).toBe('running');
  });
  it('another factory home cannot take over (or later remove) a container under the same name', async () => {
    const other = new DockerTarget({ home: join(suite.home, 'other-home'), dockerHost: DOCKER_HOST });
    const running = (await suite.engine.getContainer(`mcp-factory-${NAME}`).inspect()).Id;
    await expect(other.deploy(suite.artifact)).rejects.toMatchObject({
      code: 'CONFLICT',
      hint: expect.stringContaining('another factory home'),
    });
    expect(await other.list()).toEqual([]);
    expect((await suite.engine.getContainer(`mcp-factory-${NAME}`).inspect()).Id).toBe(running);
  });
  it('a port another program holds is a CONFLICT that says so', async () => {
    const holder = createServer().listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const { port } = holder.address() as AddressInfo;
    try {
      const failure = await suite.target.deploy(suite.artifact, { port }).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'CONFLICT', hint: expect.stringContaining('another --port') });
      expect((await suite.target.status(NAME)).state).toBe('failed');
    } finally {
      holder.close();
    }
  });
});
