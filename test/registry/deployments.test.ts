import { describe, expect, it } from 'vitest';
import { freshRegistry, version } from './helpers.js';

async function withServer() {
  const context = await freshRegistry();
  await context.registry.recordVersion(version('weather', '1.0.0'));
  await context.registry.recordVersion(version('weather', '2.0.0'));
  return context;
}

describe('deployments', () => {
  it('are created in the building state and follow their lifecycle through patches', async () => {
    const { registry } = await withServer();
    const created = await registry.createDeployment({
      server: 'weather',
      version: '1.0.0',
      target: 'local',
      transport: 'stdio',
      options: { port: 4100, restartPolicy: { maxRestarts: 5 } },
    });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^dep_[0-9a-f]{12}$/),
      state: 'building',
      restarts: 0,
    });

    const startedAt = new Date().toISOString();
    await registry.updateDeployment(created.id, {
      state: 'starting',
      pid: 1234,
      supervisorPid: 1200,
      startedAt,
    });
    const running = await registry.updateDeployment(created.id, {
      state: 'running',
      endpoint: 'http://127.0.0.1:4100/mcp',
      lastHealthAt: startedAt,
      lastHealthOk: true,
      lastHealthDetail: '200 OK in 3 ms',
    });
    expect(running).toMatchObject({
      state: 'running',
      pid: 1234,
      supervisorPid: 1200,
      endpoint: 'http://127.0.0.1:4100/mcp',
      lastHealthOk: true,
      startedAt,
      options: { port: 4100, restartPolicy: { maxRestarts: 5 } },
    });
    const stopped = await registry.updateDeployment(created.id, { state: 'stopped', pid: null, restarts: 2 });
    expect(stopped).toMatchObject({ state: 'stopped', pid: null, supervisorPid: 1200, restarts: 2 });
    expect(await registry.getDeployment(created.id)).toEqual(stopped);
  });

  it('never store option values under credential-like keys', async () => {
    const { registry } = await withServer();
    const created = await registry.createDeployment({
      id: 'weather-local',
      server: 'weather',
      version: '2.0.0',
      target: 'docker',
      options: {
        env: { DATABASE_URL: 'postgres://u:pw@h/db' },
        registryToken: 'abc',
        nested: { password: 'x' },
      },
    });
    expect(created.id).toBe('weather-local');
    expect(created.options).toEqual({
      env: '[redacted]',
      registryToken: '[redacted]',
      nested: { password: '[redacted]' },
    });
    expect(JSON.stringify(await registry.listDeployments())).not.toContain('pw@');
  });

  it('are listed newest first and filtered by server and state', async () => {
    const { registry } = await withServer();
    await registry.recordVersion(version('notes', '1.0.0'));
    const a = await registry.createDeployment({
      server: 'weather',
      version: '1.0.0',
      target: 'local',
      state: 'running',
    });
    const b = await registry.createDeployment({
      server: 'notes',
      version: '1.0.0',
      target: 'local',
      state: 'failed',
    });
    const c = await registry.createDeployment({ server: 'weather', version: '2.0.0', target: 'microvm' });
    expect((await registry.listDeployments()).map((d) => d.id)).toEqual([c.id, b.id, a.id]);
    expect((await registry.listDeployments({ server: 'weather' })).map((d) => d.id)).toEqual([c.id, a.id]);
    const live = await registry.listDeployments({ states: ['running', 'failed'] });
    expect(live.map((d) => d.id)).toEqual([b.id, a.id]);
    await registry.removeDeployment(a.id);
    expect((await registry.listDeployments({ server: 'weather' })).map((d) => d.id)).toEqual([c.id]);
  });

  it('report mistakes clearly', async () => {
    const { registry } = await withServer();
    await expect(
      registry.createDeployment({ server: 'weather', version: '9.0.0', target: 'local' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND', hint: 'known versions: 2.0.0, 1.0.0' });
    await expect(registry.updateDeployment('dep_missing', { state: 'running' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'no deployment with id "dep_missing"',
    });
    const created = await registry.createDeployment({
      id: 'x',
      server: 'weather',
      version: '1.0.0',
      target: 'local',
    });
    await expect(
      registry.createDeployment({ id: 'x', server: 'weather', version: '1.0.0', target: 'local' }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      registry.updateDeployment(created.id, { state: 'exploded' as 'failed' }),
    ).rejects.toMatchObject({
      code: 'SPEC_INVALID',
      message: expect.stringContaining('"exploded" is not a deployment state'),
    });
  });
});
