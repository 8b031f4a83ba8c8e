/**
 * The Docker target end to end on a real engine with a real generated server (notes, SQLite): deploy,
 * real MCP clients through the published port, the container's hardening seen from inside, logs, stop and
 * start keeping the data volume, remove leaving nothing behind.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { callJson, connect, waitFor } from '../local/helpers.js';
import { DOCKER_HOST, execIn, leftovers, NEEDS_ENGINE, notesServerSuite, uniqueName } from './helpers.js';

const NAME = uniqueName('dkt-life');
const DB_PATH = '/data/canary-7f3e.db';

describe.skipIf(DOCKER_HOST === undefined)(`docker target, one container ${NEEDS_ENGINE}`, () => {
  const suite = notesServerSuite(NAME);

  const container = () => suite.engine.getContainer(`mcp-factory-${NAME}`);
  /** A new MCP session at the endpoint finds the note the first test added (the data volume kept it). */
  const expectCanaryNote = async (endpoint: string) => {
    const session = await connect(endpoint);
    expect(
      JSON.stringify(await callJson(session.client, 'search_notes', { query: 'docker-canary' })),
    ).toContain('docker-canary');
    await session.close();
  };

  it('deploys: a real MCP client adds and finds a note through the published port (both protocol eras)', async () => {
    const messages: string[] = [];
    const info = await suite.target.deploy(suite.artifact, {
      env: { NOTES_DB: DB_PATH, DKT_UNRELATED: 'must-not-leak' },
      healthIntervalMs: 500,
      progress: (message) => messages.push(message),
    });
    expect(info).toMatchObject({
      name: NAME,
      target: 'docker',
      state: 'running',
      transport: 'http',
      restarts: 0,
    });
    expect(info.endpoint).toBe(`http://127.0.0.1:${info.port}/mcp`);
    expect(info.lastHealth).toMatchObject({ ok: true, tools: 4 });
    expect(info.details).toMatchObject({
      image: `mcp-factory/${NAME}:1.0.0`,
      replicas: 1,
      memoryMb: 256,
      pids: 256,
    });
    expect(String(info.details?.baseImage)).toMatch(/^(node:\d+-slim|mcp-factory\/node-base:v\d+)/);
    expect(messages.some((m) => m.startsWith(`building image mcp-factory/${NAME}:1.0.0`))).toBe(true);

    const legacy = await connect(info.endpoint, 'legacy');
    const added = (await callJson(legacy.client, 'add_note', {
      title: 'docker-canary',
      body: 'kept in /data',
    })) as { id: number };
    expect(added.id).toBeGreaterThan(0);
    await legacy.close();
    const modern = await connect(info.endpoint, 'modern');
    const found = await callJson(modern.client, 'search_notes', { query: 'docker-canary' });
    expect(JSON.stringify(found)).toContain('docker-canary');
    await modern.close();
  });

  it('runs hardened: non-root everywhere, read-only root, writable /data, limits, only declared env', async () => {
    const inspect = await container().inspect();
    expect(inspect.Config.User).toBe('node');
    expect(inspect.Config.WorkingDir).toBe('/data');
    expect(inspect.HostConfig).toMatchObject({
      ReadonlyRootfs: true,
      CapDrop: ['ALL'],
      SecurityOpt: ['no-new-privileges'],
      Memory: 256 * 1024 * 1024,
      PidsLimit: 256,
      RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 5 },
      LogConfig: { Type: 'json-file' },
    });
    expect(inspect.HostConfig.PortBindings?.['3000/tcp']?.[0]?.HostIp).toBe('127.0.0.1');
    expect(inspect.Config.Env).toContain(`NOTES_DB=${DB_PATH}`);
    expect(inspect.Config.Env.some((e) => e.startsWith('DKT_UNRELATED'))).toBe(false);
    expect(inspect.Config.Env.some((e) => e.startsWith('PATH=') || e.startsWith('NOTES_DB'))).toBe(true);
    expect(JSON.stringify(inspect.Config.Labels)).not.toContain(DB_PATH);
    const image = await suite.engine.getImage(inspect.Image).inspect();
    expect(JSON.stringify(image.Config.Env)).not.toContain('NOTES_DB');
    const record = readFileSync(join(suite.home, 'docker', NAME, 'deployment.json'), 'utf8');
    expect(record).toContain('NOTES_DB');
    expect(record).not.toContain(DB_PATH);

    const uids = await execIn(container(), [
      'node',
      '-e',
      "const fs=require('fs');for(const p of fs.readdirSync('/proc').filter((d)=>/^\\d+$/.test(d))){try{const s=fs.readFileSync('/proc/'+p+'/status','utf8');console.log(/^Name:\\s+(\\S+)/m.exec(s)[1],/^Uid:\\s+(\\d+)/m.exec(s)[1])}catch{}}",
    ]);
    const processes = uids.output
      .trim()
      .split('\n')
      .map((line) => line.split(' '));
    expect(processes.map(([name]) => name)).toEqual(expect.arrayContaining(['node', 'docker-init']));
    for (const [, uid] of processes) expect(uid).not.toBe('0');

    const asRoot = await execIn(
      container(),
      ['node', '-e', "require('fs').writeFileSync('/etc/probe','x')"],
      'root',
    );
    expect(asRoot.exitCode).not.toBe(0);
    expect(asRoot.output).toContain('EROFS');
    const data = await execIn(container(), [
      'node',
      '-e',
      `console.log(require('fs').existsSync('${DB_PATH}'))`,
    ]);
    expect(data.output.trim()).toBe('true');
  });

  it("surfaces the image's own HEALTHCHECK (/healthz) as details.health and lastHealth", async () => {
    const config = (await container().inspect()).Config.Healthcheck;
    expect(config?.Interval).toBe(500 * 1_000_000);
    const healthy = await waitFor(async () => {
      const info = await suite.target.status(NAME);
      return info.details?.health === 'healthy' ? info : undefined;
    }, 5_000);
    expect(healthy.state).toBe('running');
    expect(healthy.lastHealth).toMatchObject({ ok: true });
    expect(healthy.lastHealth?.tools).toBeUndefined(); // the engine's check, not a tools/list of ours
    const image = await suite.engine.getImage(`mcp-factory/${NAME}:1.0.0`).inspect();
    expect(JSON.stringify(image.Config.Healthcheck?.Test)).toContain('/healthz');
  });

  it('logs: the engine log holds the tool call; follow ends when the signal aborts', async () => {
    const lines: string[] = [];
    for await (const line of suite.target.logs(NAME, { tail: 200 })) lines.push(line);
    expect(
      lines.some((line) => line.includes('"msg":"tool call"') && line.includes('"tool":"add_note"')),
    ).toBe(true);

    const controller = new AbortController();
    const followed: string[] = [];
    const reading = (async () => {
      for await (const line of suite.target.logs(NAME, {
        tail: 0,
        follow: true,
        signal: controller.signal,
      })) {
        followed.push(line);
        if (line.includes('"tool":"get_note"')) controller.abort();
      }
    })();
    const session = await connect(`http://127.0.0.1:${(await suite.target.status(NAME)).port}/mcp`);
    await callJson(session.client, 'get_note', { id: 1 });
    await session.close();
    await reading;
    expect(followed.some((line) => line.includes('"tool":"get_note"'))).toBe(true);
  });

  it('stop closes the port; start brings the same data back (the volume survives)', async () => {
    const before = await suite.target.status(NAME);
    const stopped = await suite.target.stop(NAME, { timeoutMs: 3_000 });
    expect(stopped.state).toBe('stopped');
    expect((await suite.target.health(NAME)).ok).toBe(false);
    await expect(fetch(`http://127.0.0.1:${before.port}/healthz`)).rejects.toThrow();

    const started = await suite.target.start(NAME);
    expect(started).toMatchObject({ state: 'running', port: before.port });
    expect((await suite.target.health(NAME)).ok).toBe(true);
    await expectCanaryNote(started.endpoint);
  });

  it('list from a fresh target instance sees the deployment as running', async () => {
    const { DockerTarget } = await import('../../../src/targets/docker/docker-target.js');
    const fresh = new DockerTarget({ home: suite.home, dockerHost: DOCKER_HOST });
    const listed = await fresh.list();
    expect(listed.map((info) => [info.name, info.state])).toEqual([[NAME, 'running']]);
  });

  it('a container removed behind our back is failed, with the reason; start creates it again', async () => {
    await container().remove({ force: true });
    const gone = await suite.target.status(NAME);
    expect(gone).toMatchObject({ state: 'failed', details: { health: 'gone' } });
    expect(gone.reason).toMatch(/container is gone/);
    const back = await suite.target.start(NAME, { env: { NOTES_DB: DB_PATH } });
    expect(back.state).toBe('running');
    expect((await container().inspect()).Config.Env).toContain(`NOTES_DB=${DB_PATH}`);
  });

  it('a redeploy replaces the container, keeps port and data, reuses the image (no build)', async () => {
    const before = await suite.target.status(NAME);
    const messages: string[] = [];
    const again = await suite.target.deploy(suite.artifact, {
      env: { NOTES_DB: DB_PATH },
      progress: (message) => messages.push(message),
    });
    expect(messages.filter((m) => m.startsWith('building image'))).toEqual([]);
    expect(again).toMatchObject({ state: 'running', port: before.port, restarts: 0 });
    expect(again.details?.container).not.toBe(before.details?.container);
    await expectCanaryNote(again.endpoint);
  });

  it('remove deletes container, volume and folder; purge also the image', async () => {
    const dir = (await suite.target.status(NAME)).deploymentDir;
    await suite.target.remove(NAME, { purge: true });
    expect(existsSync(dir)).toBe(false);
    expect(await leftovers(suite.engine, [NAME])).toEqual([]);
    await expect(suite.target.status(NAME)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
