import { describe, expect, it } from 'vitest';
import { EVENTS_KEPT_PER_SERVER } from '../../src/registry/sqlite/telemetry-store.js';
import { freshRegistry, version } from './helpers.js';

async function withServer() {
  const context = await freshRegistry();
  await context.registry.recordVersion(version('weather', '1.0.0'));
  await context.registry.recordVersion(version('weather', '1.1.0'));
  return context;
}

describe('tool usage', () => {
  it('adds reported deltas to the totals of each tool and version', async () => {
    const { registry } = await withServer();
    await registry.recordUsage('weather', '1.0.0', [
      { tool: 'forecast', calls: 3, errors: 1, latencyMs: 30.5 },
      { tool: 'ping', calls: 1, errors: 0, latencyMs: 2 },
    ]);
    await registry.recordUsage('weather', '1.0.0', [
      { tool: 'forecast', calls: 2, errors: 0, latencyMs: 9.5 },
    ]);
    await registry.recordUsage('weather', '1.1.0', [
      { tool: 'forecast', calls: 7, errors: 7, latencyMs: 70 },
    ]);

    const v1 = await registry.getUsage('weather', '1.0.0');
    expect(v1.map(({ lastReportedAt, ...rest }) => rest)).toEqual([
      { server: 'weather', version: '1.0.0', tool: 'forecast', calls: 5, errors: 1, totalLatencyMs: 40 },
      { server: 'weather', version: '1.0.0', tool: 'ping', calls: 1, errors: 0, totalLatencyMs: 2 },
    ]);
    expect(v1[0]?.lastReportedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await registry.getUsage('weather')).toHaveLength(3);
  });

  it('refuses negative or non-numeric deltas and unknown versions, recording nothing of the batch', async () => {
    const { registry } = await withServer();
    const bad = [
      { tool: 'ping', calls: 1, errors: 0, latencyMs: 1 },
      { tool: 'ping', calls: -1, errors: 0, latencyMs: 1 },
    ];
    await expect(registry.recordUsage('weather', '1.0.0', bad)).rejects.toMatchObject({
      code: 'SPEC_INVALID',
      message: expect.stringContaining('deltas[1].calls'),
    });
    await expect(
      registry.recordUsage('weather', '3.0.0', [{ tool: 'ping', calls: 1, errors: 0, latencyMs: 1 }]),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await registry.getUsage('weather')).toEqual([]);
  });
});

describe('event log', () => {
  it('returns recent events newest first, filtered by level, server and deployment', async () => {
    const { registry } = await withServer();
    await registry.recordVersion(version('notes', '1.0.0'));
    const deployment = await registry.createDeployment({
      server: 'weather',
      version: '1.1.0',
      target: 'local',
    });
    await registry.logEvent({ server: 'weather', level: 'info', message: 'starting' });
    await registry.logEvent({
      server: 'weather',
      deploymentId: deployment.id,
      level: 'error',
      message: 'exited with code 1',
      detail: { code: 1, stderrTail: 'boom' },
    });
    await registry.logEvent({ server: 'notes', level: 'warn', message: 'slow health check' });

    const errors = await registry.recentEvents({ minLevel: 'error' });
    expect(errors).toMatchObject([
      { server: 'weather', deploymentId: deployment.id, message: 'exited with code 1', detail: { code: 1 } },
    ]);
    expect((await registry.recentEvents({ minLevel: 'warn' })).map((e) => e.message)).toEqual([
      'slow health check',
      'exited with code 1',
    ]);
    expect((await registry.recentEvents({ server: 'weather' })).map((e) => e.level)).toEqual([
      'error',
      'info',
    ]);
    expect(await registry.recentEvents({ deploymentId: deployment.id, limit: 5 })).toHaveLength(1);
    await expect(
      registry.logEvent({ server: 'weather', deploymentId: 'dep_nope', level: 'info', message: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('never stores credentials that slip into a message or detail', async () => {
    const { registry } = await withServer();
    const event = await registry.logEvent({
      server: 'weather',
      level: 'error',
      message: 'connect failed: postgres://app:s3cret@db:5432/x refused',
      detail: {
        url: 'redis://:hunter2@cache:6379',
        headers: { authorization: 'Bearer abc' },
        apiKey: 'k',
        port: 5432,
      },
    });
    expect(event.message).toBe('connect failed: postgres://app:[redacted]@db:5432/x refused');
    expect(event.detail).toEqual({
      url: 'redis://:[redacted]@cache:6379',
      headers: { authorization: '[redacted]' },
      apiKey: '[redacted]',
      port: 5432,
    });
    expect(JSON.stringify(await registry.recentEvents())).not.toMatch(/s3cret|hunter2|Bearer abc/);
  });

  it(`keeps the newest ${EVENTS_KEPT_PER_SERVER} events of a server`, async () => {
    const { registry } = await withServer();
    for (let i = 0; i < EVENTS_KEPT_PER_SERVER + 5; i++) {
      await registry.logEvent({ server: 'weather', level: 'info', message: `event ${i}` });
    }
    const kept = await registry.recentEvents({ server: 'weather', limit: 1000 });
    expect(kept).toHaveLength(EVENTS_KEPT_PER_SERVER);
    expect(kept[0]?.message).toBe(`event ${EVENTS_KEPT_PER_SERVER + 4}`);
    expect(kept.at(-1)?.message).toBe('event 5');
  });
});

describe('test runs', () => {
  it('records outcomes per tool and lists them newest first', async () => {
    const { registry } = await withServer();
    const recorded = await registry.recordTestRuns('weather', '1.0.0', [
      { tool: 'forecast', outcome: 'pass', durationMs: 12.5 },
      { tool: 'alerts', outcome: 'not_implemented', durationMs: 1, message: 'not implemented: alerts' },
    ]);
    expect(recorded[1]).toMatchObject({ server: 'weather', version: '1.0.0', outcome: 'not_implemented' });
    await registry.recordTestRuns('weather', '1.1.0', [{ tool: 'forecast', outcome: 'fail', durationMs: 3 }]);

    const all = await registry.listTestRuns('weather');
    expect(all.map((run) => [run.version, run.tool, run.outcome])).toEqual([
      ['1.1.0', 'forecast', 'fail'],
      ['1.0.0', 'alerts', 'not_implemented'],
      ['1.0.0', 'forecast', 'pass'],
    ]);
    expect(await registry.listTestRuns('weather', { version: '1.0.0', limit: 1 })).toMatchObject([
      { tool: 'alerts', durationMs: 1, message: 'not implemented: alerts' },
    ]);
    await expect(
      registry.recordTestRuns('weather', '1.0.0', [
        { tool: 'x', outcome: 'passed' as 'pass', durationMs: 1 },
      ]),
    ).rejects.toMatchObject({ code: 'SPEC_INVALID', message: expect.stringContaining('runs[0].outcome') });
  });
});
