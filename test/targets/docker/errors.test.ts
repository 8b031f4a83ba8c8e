/**
 * Failures a user can meet before anything runs: no engine at the socket, no permission on it, an artifact
 * without an image context, an explicit base image that is nowhere. Each is a FactoryError that says what
 * to do — never a stack trace, never a silent fallback.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DockerTarget } from '../../../src/targets/docker/docker-target.js';
import { connectEngine } from '../../../src/targets/docker/engine.js';
import type { Artifact } from '../../../src/targets/target.js';
import { DOCKER_HOST, NEEDS_ENGINE, uniqueName } from './helpers.js';

const home = mkdtempSync(join(tmpdir(), 'mcpf-docker-errors-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const plain: Artifact = {
  name: 'no-image',
  version: '1.0.0',
  projectDir: home,
  command: ['node', 'server.mjs'],
  transports: ['http'],
};

describe('docker target errors without an engine', () => {
  it('a socket nobody listens on: TARGET_UNAVAILABLE telling to install and start Docker', async () => {
    const target = new DockerTarget({ home, dockerHost: `unix://${join(home, 'no-such.sock')}` });
    const withImage = {
      ...plain,
      image: { contextDir: home, entry: 'dist/server.mjs', dockerfile: 'Dockerfile', port: 3000 },
    };
    const error = await target.deploy(withImage).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'FactoryError',
      code: 'TARGET_UNAVAILABLE',
      hint: expect.stringContaining('install docker.io and start dockerd'),
    });
    expect((error as Error).message).toContain('no-such.sock');
  });

  it('DOCKER_HOST is honoured when no host is configured', async () => {
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = `unix://${join(home, 'elsewhere.sock')}`;
    try {
      await expect(connectEngine(process.env.DOCKER_HOST)).rejects.toMatchObject({
        message: expect.stringContaining('elsewhere.sock'),
      });
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });

  it('a socket we may not open: the hint is the docker group', async () => {
    // Root opens any socket, so the engine's refusal is simulated at the one place that classifies it.
    const { unavailable } = await import('../../../src/targets/docker/engine.js');
    const denied = Object.assign(new Error('connect EACCES /var/run/docker.sock'), { code: 'EACCES' });
    expect(unavailable(denied, undefined)).toMatchObject({
      code: 'TARGET_UNAVAILABLE',
      hint: expect.stringContaining('add your user to the docker group'),
    });
  });

  it('an artifact without an image context is a USAGE error, before any engine is asked', async () => {
    const target = new DockerTarget({ home, dockerHost: 'unix:///nonexistent.sock' });
    await expect(target.deploy(plain)).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('no image context'),
    });
    await expect(
      target.deploy({
        ...plain,
        transports: ['stdio'],
        image: { contextDir: home, entry: 'x.mjs', dockerfile: 'Dockerfile', port: 1 },
      }),
    ).rejects.toMatchObject({ code: 'USAGE' });
  });

  it.each(['node 22', 'node:22;rm', '-x', 'Node:22'])(
    'base image %j is refused as USAGE',
    async (baseImage) => {
      const target = new DockerTarget({ home, dockerHost: 'unix:///nonexistent.sock' });
      const withImage = {
        ...plain,
        image: { contextDir: home, entry: 'dist/server.mjs', dockerfile: 'Dockerfile', port: 3000 },
      };
      await expect(target.deploy(withImage, { baseImage })).rejects.toMatchObject({ code: 'USAGE' });
    },
  );

  it('status of an unknown name is NOT_FOUND; list of an empty home is empty without an engine', async () => {
    const target = new DockerTarget({ home, dockerHost: 'unix:///nonexistent.sock' });
    await expect(target.status('nothing-here')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await target.list()).toEqual([]);
  });
});

describe('docker target list without an engine', () => {
  it('recorded deployments are listed as failed, saying the engine is unreachable', async () => {
    const listHome = mkdtempSync(join(tmpdir(), 'mcpf-docker-list-'));
    try {
      const seeded = new DockerTarget({ home: listHome, dockerHost: 'unix:///nonexistent.sock' });
      const { writeRecord, dockerPaths } = await import('../../../src/targets/docker/deployment-record.js');
      writeRecord(dockerPaths(listHome, 'kept'), {
        name: 'kept',
        version: '1.0.0',
        image: 'mcp-factory/kept:1.0.0',
        baseImage: 'node:22-slim',
        port: 4999,
        containerPort: 3000,
        entry: 'dist/server.mjs',
        replicas: 1,
        memoryMb: 256,
        pids: 256,
        maxRestarts: 5,
        stopTimeoutMs: 5000,
        readyTimeoutMs: 30000,
        log: { maxBytes: 1, files: 1 },
        envNames: [],
        deployedAt: new Date().toISOString(),
      });
      const [info] = await seeded.list();
      expect(info).toMatchObject({ name: 'kept', target: 'docker', state: 'failed', port: 4999 });
      expect(info?.reason).toMatch(/Docker engine is not reachable/);
      await expect(seeded.status('kept')).rejects.toMatchObject({ code: 'TARGET_UNAVAILABLE' });
    } finally {
      rmSync(listHome, { recursive: true, force: true });
    }
  });
});

describe.skipIf(DOCKER_HOST === undefined)(`docker target, base image choice ${NEEDS_ENGINE}`, () => {
  it('an explicit base image that is neither here nor pullable is an error, not a silent fallback', async () => {
    const target = new DockerTarget({ home, dockerHost: DOCKER_HOST });
    const artifact = {
      ...plain,
      name: uniqueName('dkt-base'),
      image: { contextDir: home, entry: 'dist/server.mjs', dockerfile: 'Dockerfile', port: 3000 },
    };
    const error = await target
      .deploy(artifact, { baseImage: 'mcp-factory-test/absent:1' })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'USAGE',
      hint: expect.stringContaining('--base-image mcp-factory/node-base'),
    });
    expect((error as Error).message).toMatch(
      /base image mcp-factory-test\/absent:1 is not on this engine and could not be pulled/,
    );
  });
});
