/**
 * The Docker target's pure parts, table-driven: what `ldd` output yields, tags from versions, the engine's
 * multiplexed log frames however they are chunked, which environment a container gets, and how engine
 * inspections and replica sets map to deployment states.
 */
import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import type { ObservedState } from '../../../src/targets/docker/container-state.js';
import { observeContainer } from '../../../src/targets/docker/container-state.js';
import type { DockerDeployment } from '../../../src/targets/docker/deployment-record.js';
import { libraryPaths } from '../../../src/targets/docker/host-node-rootfs.js';
import { demultiplex, textLines } from '../../../src/targets/docker/log-lines.js';
import { imageTag } from '../../../src/targets/docker/names.js';
import { aggregateReplicas } from '../../../src/targets/docker/replica-state.js';
import { runEnv } from '../../../src/targets/docker/run-env.js';
import type { Artifact } from '../../../src/targets/target.js';

describe('libraryPaths', () => {
  it('takes resolved libraries and the loader, skips the vdso', () => {
    const ldd = [
      '\tlinux-vdso.so.1 (0x00007ffd)',
      '\tlibstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007f35)',
      '\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f36)',
      '\t/lib64/ld-linux-x86-64.so.2 (0x00007f37)',
    ].join('\n');
    expect(libraryPaths(ldd)).toEqual([
      '/lib/x86_64-linux-gnu/libstdc++.so.6',
      '/lib/x86_64-linux-gnu/libc.so.6',
      '/lib64/ld-linux-x86-64.so.2',
    ]);
  });
});

describe('imageTag', () => {
  it.each([
    ['1.0.0', '1.0.0'],
    ['1.0.0+build.7', '1.0.0-build.7'],
    ['2.0.0-rc.1', '2.0.0-rc.1'],
    ['.hidden', 'hidden'],
    ['', 'latest'],
  ])('%s → %s', (given, want) => expect(imageTag(given)).toBe(want));
});

function frame(stream: number, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

async function collect(chunks: Buffer[]): Promise<string[]> {
  async function* source() {
    yield* chunks;
  }
  const lines: string[] = [];
  for await (const line of textLines(demultiplex(source()))) lines.push(line);
  return lines;
}

describe('multiplexed log frames', () => {
  const body = Buffer.concat([frame(1, 'first line\nsecond '), frame(2, 'half\r\n'), frame(1, 'no newline')]);
  it('whole', async () => {
    expect(await collect([body])).toEqual(['first line', 'second half', 'no newline']);
  });
  it('split inside headers and payloads, byte by byte', async () => {
    const bytes = [...body].map((byte) => Buffer.from([byte]));
    expect(await collect(bytes)).toEqual(['first line', 'second half', 'no newline']);
  });
});

describe('runEnv', () => {
  const artifact = {
    name: 'x',
    env: [
      { name: 'API_TOKEN', required: true },
      { name: 'OPTIONAL', required: false },
    ],
  } as unknown as Artifact;
  it('only declared names and MCP_* run settings, values only from the source', () => {
    const env = runEnv(artifact, 3000, {
      API_TOKEN: 's3cret',
      HOME: '/root',
      AWS_SECRET_ACCESS_KEY: 'nope',
      MCP_LOG_LEVEL: 'debug',
      MCP_PORT: '9999',
    });
    expect(env.entries.sort()).toEqual(
      [
        'API_TOKEN=s3cret',
        'MCP_HOST=0.0.0.0',
        'MCP_LOG_LEVEL=debug',
        'MCP_PORT=3000',
        'MCP_TRANSPORT=http',
      ].sort(),
    );
    expect(env.names).not.toContain('HOME');
    expect(JSON.stringify(env.names)).not.toContain('s3cret');
  });
});

const record = { name: 'x', maxRestarts: 2, replicas: 1 } as DockerDeployment;

function inspectWith(
  state: Partial<Docker.ContainerInspectInfo['State']>,
  restarts = 0,
): Docker.ContainerInspectInfo {
  return {
    Id: 'abcdef0123456789',
    RestartCount: restarts,
    State: {
      Status: 'running',
      Running: false,
      Paused: false,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: 0,
      ExitCode: 0,
      Error: '',
      StartedAt: '2026-11-24T10:00:00Z',
      FinishedAt: '0001-01-01T00:00:00Z',
      ...state,
    },
  } as Docker.ContainerInspectInfo;
}

describe('observeContainer', () => {
  it.each([
    ['healthy', { Running: true, Health: { Status: 'healthy' } }, 0, 'running', undefined],
    [
      'unhealthy',
      { Running: true, Health: { Status: 'unhealthy', FailingStreak: 3, Log: [] } },
      0,
      'unhealthy',
      /failed 3 times/,
    ],
    [
      'first check pending',
      { Running: true, Health: { Status: 'starting' } },
      0,
      'starting',
      /first health check/,
    ],
    [
      'restarting',
      { Status: 'restarting', Restarting: true, ExitCode: 137 },
      1,
      'starting',
      /restarting after exited with code 137 \(SIGKILL\)/,
    ],
    [
      'exited, policy exhausted',
      { Status: 'exited', ExitCode: 1 },
      2,
      'failed',
      /code 1; Docker's restart policy gave up after 2 restarts/,
    ],
    ['out of memory', { Status: 'exited', ExitCode: 137, OOMKilled: true }, 0, 'failed', /out of memory/],
  ] as const)('%s', (_, state, restarts, want, reason) => {
    const observed = observeContainer(record, inspectWith(state as never, restarts));
    expect(observed.state).toBe(want);
    expect(observed.restarts).toBe(restarts);
    if (reason) expect(observed.reason).toMatch(reason);
  });

  it('an exit we asked for is stopped, not failed', () => {
    const observed = observeContainer(
      { ...record, stoppedByUs: true },
      inspectWith({ Status: 'exited', ExitCode: 143 }),
    );
    expect(observed).toMatchObject({ state: 'stopped' });
  });
});

describe('aggregateReplicas', () => {
  const up: ObservedState = { state: 'running', restarts: 0, health: 'healthy' };
  const many = { ...record, replicas: 2 };
  it.each([
    ['all ready', up, [up, up], 'running'],
    ['one on its way', up, [up, { state: 'starting', restarts: 1, health: 'starting' }], 'starting'],
    [
      'one failed, one serving',
      up,
      [up, { state: 'failed', restarts: 2, health: 'none', reason: 'exited with code 1' }],
      'unhealthy',
    ],
    [
      'none can serve',
      up,
      [
        { state: 'failed', restarts: 2, health: 'none' },
        { state: 'failed', restarts: 2, health: 'none' },
      ],
      'failed',
    ],
    ['balancer down', { state: 'failed', restarts: 0, health: 'none' }, [up, up], 'failed'],
  ] as const)('%s', (_, balancer, replicas, want) => {
    const observed = aggregateReplicas(
      many,
      balancer as ObservedState,
      replicas as unknown as ObservedState[],
    );
    expect(observed.state).toBe(want);
    expect(observed.restarts).toBe(replicas.reduce((sum, r) => sum + r.restarts, 0));
  });
});
