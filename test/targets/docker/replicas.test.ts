/**
 * replicas > 1: N replica containers behind one published port (a balancer container; Swarm's routing
 * mesh needs IPVS, which this kind of machine lacks). Fresh connections are spread over the replicas — each
 * replica's own container log shows it served calls — the replicas share the data volume, a crashed replica
 * is restarted and counted, stop and start act on all, and remove leaves nothing behind.
 */
import { describe, expect, it } from 'vitest';
import type { DeploymentInfo } from '../../../src/targets/target.js';
import { callJson, connect, waitFor } from '../local/helpers.js';
import {
  connectFresh,
  DOCKER_HOST,
  leftovers,
  NEEDS_ENGINE,
  notesServerSuite,
  uniqueName,
} from './helpers.js';

const NAME = uniqueName('dkt-replicas');

describe.skipIf(DOCKER_HOST === undefined)(`docker target, replicas ${NEEDS_ENGINE}`, () => {
  const suite = notesServerSuite(NAME);

  const replica = (index: number) => suite.engine.getContainer(`mcp-factory-${NAME}-${index}`);
  const calls = async (index: number) =>
    String(await replica(index).logs({ stdout: true, stderr: true })).match(/"tool":"add_note"/g)?.length ??
    0;

  it('two replicas behind one port: fresh connections reach both, sharing the data volume', async () => {
    const info = await suite.target.deploy(suite.artifact, { replicas: 2 });
    expect(info).toMatchObject({ state: 'running', restarts: 0, details: { replicas: '2/2' } });
    for (const index of [1, 2]) {
      const inspect = await replica(index).inspect();
      expect(inspect.Config.User).toBe('node');
      expect(inspect.HostConfig).toMatchObject({
        ReadonlyRootfs: true,
        CapDrop: ['ALL'],
        Memory: 256 * 1024 * 1024,
      });
    }
    const balancer = await suite.engine.getContainer(`mcp-factory-${NAME}`).inspect();
    expect(balancer.HostConfig.PortBindings?.['3000/tcp']?.[0]).toEqual({
      HostIp: '127.0.0.1',
      HostPort: String(info.port),
    });

    // One stateless session, every request on a new TCP connection: the balancer takes turns per connection.
    const fresh = await connectFresh(info.endpoint);
    for (let i = 1; i <= 6; i++) await callJson(fresh.client, 'add_note', { title: `replica-note-${i}` });
    await fresh.close();
    expect(await calls(1)).toBeGreaterThan(0);
    expect(await calls(2)).toBeGreaterThan(0);
    expect((await calls(1)) + (await calls(2))).toBe(6);
    const session = await connect(info.endpoint);
    const all = JSON.stringify(await callJson(session.client, 'search_notes', { query: 'replica-note-' }));
    await session.close();
    for (let i = 1; i <= 6; i++) expect(all).toContain(`replica-note-${i}"`);

    const lines: string[] = [];
    for await (const line of suite.target.logs(NAME, { tail: 200 })) lines.push(line);
    const served = lines.filter((line) => line.includes('"tool":"add_note"'));
    expect(served).toHaveLength(6);
    expect(new Set(served.map((line) => line.split(' | ')[0]))).toEqual(new Set(['replica-1', 'replica-2']));
  });

  it('followed logs interleave the replicas until the signal aborts', async () => {
    const controller = new AbortController();
    const seen = new Set<string>();
    const reading = (async () => {
      for await (const line of suite.target.logs(NAME, {
        tail: 0,
        follow: true,
        signal: controller.signal,
      })) {
        if (line.includes('"tool":"get_note"')) seen.add(line.split(' | ')[0] ?? '');
        if (seen.size === 2) controller.abort();
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300)); // let both followers attach
    const fresh = await connectFresh((await suite.target.status(NAME)).endpoint);
    for (let i = 0; i < 4 && seen.size < 2; i++) await callJson(fresh.client, 'get_note', { id: 1 });
    await fresh.close();
    await reading;
    expect(seen).toEqual(new Set(['replica-1', 'replica-2']));
  });

  it('a crashed replica is restarted and counted while the other keeps serving', async () => {
    await replica(2).kill({ signal: 'SIGUSR2' });
    const counted = await waitFor(async () => {
      const info = await suite.target.status(NAME);
      return info.restarts === 1 ? info : undefined;
    }, 5_000);
    const session = await connectFresh(counted.endpoint);
    expect(await callJson(session.client, 'search_notes', {})).toBeDefined();
    await session.close();
    const back = await waitFor(async () => {
      const info: DeploymentInfo = await suite.target.status(NAME);
      return info.state === 'running' ? info : undefined;
    }, 10_000);
    expect(back).toMatchObject({ restarts: 1, details: { replicas: '2/2' } });
  });

  it('stop stops all; start brings both back', async () => {
    const stopped = await suite.target.stop(NAME);
    expect(stopped).toMatchObject({ state: 'stopped' });
    expect((await suite.target.health(NAME)).ok).toBe(false);
    const started = await suite.target.start(NAME);
    expect(started).toMatchObject({ state: 'running', details: { replicas: '2/2' } });
  });

  it('remove leaves no container, network or volume', async () => {
    await suite.target.remove(NAME, { purge: true });
    expect(await leftovers(suite.engine, [NAME])).toEqual([]);
  });
});
