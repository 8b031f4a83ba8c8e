/**
 * The microvm target end to end on the real notes server (SQLite): Debian's kernel, an initramfs with
 * node and the bundle, QEMU (TCG on these machines), a golden snapshot, restores, real MCP clients, a
 * crashing VM, two clones of one snapshot, and nothing left behind. One artifact set is built for the
 * whole file. Needs MCP_TEST_QEMU (the path of qemu-system-x86_64).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../src/targets/local/free-port.js';
import { checkHealth } from '../../../src/targets/local/health-check.js';
import { readJsonFile } from '../../../src/targets/local/state-file.js';
import { EXIT_MARKER } from '../../../src/targets/microvm/guest-protocol.js';
import { MicrovmTarget } from '../../../src/targets/microvm/microvm-target.js';
import { vmConfigFile } from '../../../src/targets/microvm/paths.js';
import { QemuDriver } from '../../../src/targets/microvm/qemu-driver.js';
import type { VmConfig } from '../../../src/targets/microvm/vm-config.js';
import { launchVm } from '../../../src/targets/microvm/vm-launcher.js';
import type { Artifact } from '../../../src/targets/target.js';
import { type ImageArtifact, imageArtifact } from '../../helpers/image-artifact.js';
import { callJson, connect, pidAlive, waitFor } from '../local/helpers.js';
import { filesContaining, filesUnder, QEMU, qemuProcesses, TITLE, tempDir } from './helpers.js';

const SECRET = `s3cret-${randomBytes(8).toString('hex')}`;
const timings: Record<string, number> = {};

describe.skipIf(QEMU === undefined)(TITLE, () => {
  let image: ImageArtifact;
  let artifact: Artifact;
  let home: string;
  let cache: string;
  let target: MicrovmTarget;

  beforeAll(async () => {
    image = await imageArtifact();
    // A declared secret next to NOTES_DB: its value must reach the guest and never any file.
    artifact = {
      ...image.artifact,
      env: [...(image.artifact.env ?? []), { name: 'NOTES_API_TOKEN', required: true, secret: true }],
    };
    home = tempDir('mcpf-microvm-home-');
    cache = tempDir('mcpf-microvm-cache-');
    target = new MicrovmTarget({ home, cacheDir: cache, qemuBinary: QEMU });
  }, 60_000);

  afterAll(async () => {
    for (const info of (await target?.list()) ?? []) await target.remove(info.name).catch(() => undefined);
    expect(cache === undefined ? [] : qemuProcesses(cache)).toEqual([]);
    for (const dir of [home, cache]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    image?.cleanup();
    console.info(`microvm timings (ms): ${JSON.stringify(timings)}`);
  });

  const secretEnv = () => ({ NOTES_API_TOKEN: SECRET, NOTES_DB: `/tmp/${SECRET}.db` });

  it('first deploy builds the artifacts, boots cold, snapshots, restores; tools, logs, status', async () => {
    const progress: string[] = [];
    const at: number[] = [];
    const started = Date.now();
    const info = await target.deploy(artifact, {
      env: secretEnv(),
      progress: (message) => {
        progress.push(message);
        at.push(Date.now());
      },
    });
    timings.firstDeploy = Date.now() - started;
    Object.assign(timings, stepTimes(progress, [...at, Date.now()]));
    expect(progress.join('\n')).toMatch(/kernel[\s\S]*initramfs[\s\S]*snapshot/);
    expect(info).toMatchObject({ state: 'running', target: 'microvm', transport: 'http', restarts: 0 });
    expect(info.details).toMatchObject({ vmm: 'qemu', boot: 'snapshot', memoryMb: 256, vcpus: 2 });
    expect(['kvm', 'tcg']).toContain(info.details?.accelerator);
    expect(info.lastHealth).toMatchObject({ ok: true, tools: 4 });

    const session = await connect(info.endpoint);
    const added = (await callJson(session.client, 'add_note', { title: 'from the host', body: 'hi' })) as {
      id: number;
      created_at: string;
    };
    expect(added.id).toBe(1);
    // The guest clock was set from the host after the restore, not left at the snapshot's time.
    expect(Math.abs(Date.parse(added.created_at) - Date.now())).toBeLessThan(120_000);
    const found = (await callJson(session.client, 'search_notes', { query: 'host' })) as unknown;
    expect(JSON.stringify(found)).toContain('from the host');
    await session.close();

    const log = await waitFor(async () => {
      const text = await logText(target, artifact.name);
      return text.includes('tool call') ? text : undefined;
    }, 5_000);
    expect(log).toContain('[microvm] restoring snapshot');
    expect(log).not.toContain(SECRET);
  }, 300_000);

  it('snapshot: false boots cold on every start', async () => {
    const started = Date.now();
    const info = await target.deploy(
      { ...artifact, name: 'notes-cold' },
      { env: secretEnv(), snapshot: false },
    );
    timings.coldDeployToHealthy = Date.now() - started;
    expect(info.details).toMatchObject({ boot: 'cold' });
    expect(await logText(target, 'notes-cold')).toContain('[microvm] cold boot');
    const session = await connect(info.endpoint);
    expect(await callJson(session.client, 'search_notes', { query: '' })).toEqual({ items: [] });
    await session.close();
    await target.remove('notes-cold', { purge: true });
    expect(existsSync(join(cache, 'microvm', 'cache', 'servers', 'notes-cold'))).toBe(false);
  }, 180_000);

  it('no env value lands in the initramfs, the snapshot or the deployment files', async () => {
    const files = [...filesUnder(cache), ...filesUnder(home)];
    expect(files.some((file) => file.endsWith('initrd.img'))).toBe(true);
    expect(
      files.some((file) =>
        file.endsWith(join('snapshots', readdirSync(snapshotsDir(cache))[0] ?? '', 'ram')),
      ),
    ).toBe(true);
    expect(filesContaining(files, SECRET)).toEqual([]);
  }, 120_000);

  it('deploying again restores the snapshot fast; stop leaves no VM; start brings it back', async () => {
    const started = Date.now();
    const info = await target.deploy(artifact, { env: secretEnv() });
    timings.redeployToHealthy = Date.now() - started;
    expect(info.state).toBe('running');
    const qemu = qemuProcesses(cache);
    expect(qemu).toHaveLength(1);

    const stopped = await target.stop(artifact.name);
    expect(stopped.state).toBe('stopped');
    expect(qemuProcesses(cache)).toEqual([]);
    expect(pidAlive(info.supervisorPid ?? 0)).toBe(false);
    expect((await target.health(artifact.name)).ok).toBe(false);

    const restarted = Date.now();
    const back = await target.start(artifact.name, { env: secretEnv() });
    timings.startToHealthy = Date.now() - restarted;
    expect(back).toMatchObject({ state: 'running', port: info.port });
    timings.restoreToHealthy = launcherToHealthy(await logText(target, artifact.name));
    expect((await target.health(artifact.name)).ok).toBe(true);
    // A restored clone starts from the snapshot: the note of the previous VM is gone with it.
    const session = await connect(back.endpoint);
    expect(await callJson(session.client, 'search_notes', { query: '' })).toEqual({ items: [] });
    await session.close();
  }, 180_000);

  it('throughput: sequential tools/call through the VM', async () => {
    const info = await target.status(artifact.name);
    const session = await connect(info.endpoint);
    const calls = 50;
    const started = performance.now();
    for (let index = 0; index < calls; index++) {
      await callJson(session.client, 'add_note', { title: `note ${index}` });
    }
    timings.toolCallsPerSecond = Math.round((calls * 1000) / (performance.now() - started));
    await session.close();
    expect(timings.toolCallsPerSecond).toBeGreaterThan(1);
  }, 120_000);

  it('a VM that dies is restarted and counted; past the policy the deployment is failed', async () => {
    const info = await target.deploy(artifact, {
      env: secretEnv(),
      restart: { maxRestarts: 1, windowMs: 120_000, initialDelayMs: 50 },
    });
    const [first] = qemuProcesses(cache);
    expect(first).toBeDefined();
    process.kill(first ?? 0, 'SIGKILL'); // the VM crashing
    const back = await waitFor(async () => {
      const status = await target.status(artifact.name);
      return status.state === 'running' && status.restarts === 1 ? status : undefined;
    }, 60_000);
    expect(back.lastExit).toMatchObject({ code: 1 });
    const [second] = qemuProcesses(cache);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);

    process.kill(second ?? 0, 'SIGKILL');
    const failed = await waitFor(async () => {
      const status = await target.status(artifact.name);
      return status.state === 'failed' ? status : undefined;
    }, 30_000);
    expect(failed.reason).toMatch(/crashed 2 times/);
    expect(qemuProcesses(cache)).toEqual([]);
    expect(pidAlive(info.supervisorPid ?? 0)).toBe(false);
  }, 180_000);

  it('two clones of one snapshot run at once on different ports, answer independently and draw different randomness', async () => {
    const info = await target.deploy(artifact, { env: secretEnv() });
    const config = readJsonFile<VmConfig>(vmConfigFile(info.deploymentDir));
    if (config?.snapshot === undefined) throw new Error('the deployment has no snapshot');
    // What the supervisor does on each start, twice more from the same golden snapshot.
    const dirs = [tempDir('mcpf-clone-'), tempDir('mcpf-clone-')];
    const consoles: string[][] = dirs.map(() => []);
    const clones = await Promise.all(
      dirs.map(async (dir, index) => {
        const port = await freePort();
        const launched = await launchVm({
          config,
          deploymentDir: dir,
          hostPort: port,
          env: secretEnv(),
          driver: new QemuDriver(QEMU),
          log: (line) => consoles[index]?.push(line),
        });
        return { port, launched };
      }),
    );
    try {
      expect(qemuProcesses(cache)).toHaveLength(3);
      const endpoints = clones.map(({ port }) => `http://127.0.0.1:${port}/mcp`);
      for (const endpoint of endpoints) {
        await waitFor(
          async () => ((await checkHealth(endpoint, { timeoutMs: 3_000 })).ok ? true : undefined),
          30_000,
        );
      }
      const [a, b] = await Promise.all(endpoints.map((endpoint) => connect(endpoint)));
      if (a === undefined || b === undefined) throw new Error('no session');
      await callJson(a.client, 'add_note', { title: 'only in a' });
      expect(await callJson(b.client, 'search_notes', { query: 'only in a' })).toEqual({ items: [] });
      expect(JSON.stringify(await callJson(a.client, 'search_notes', { query: 'only in a' }))).toContain(
        'only in a',
      );
      await a.close();
      await b.close();
      // Each guest fingerprints fresh bytes of node's generator and the kernel's once its config is applied:
      // clones of one snapshot (and the deployment itself) must all differ.
      const fingerprints = [
        randomnessOf(await logText(target, artifact.name)),
        ...consoles.map((lines) => randomnessOf(lines.join('\n'))),
      ];
      for (const source of ['openssl', 'kernel'] as const) {
        const values = fingerprints.map((each) => String(each[source]));
        expect(
          values.every((value) => /^[0-9a-f]{16}$/.test(value)),
          values.join(' '),
        ).toBe(true);
        expect(new Set(values).size, `${source}: ${values.join(' ')}`).toBe(3);
      }
    } finally {
      for (const { launched } of clones) await launched.stop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
    expect(qemuProcesses(cache)).toHaveLength(1);
  }, 300_000);

  it('a server that exits inside the guest powers the VM off (the launcher then exits non-zero)', async () => {
    const info = await target.status(artifact.name);
    const config = readJsonFile<VmConfig>(vmConfigFile(info.deploymentDir));
    if (config?.snapshot === undefined) throw new Error('the deployment has no snapshot');
    const control = tempDir('mcpf-crash-');
    const spec = { ...config, hostPort: await freePort(), controlDir: control };
    const vm = await new QemuDriver(QEMU).restore(spec, config.snapshot);
    const lines: string[] = [];
    vm.onConsoleLine((line) => lines.push(line));
    vm.send('this is not the config the loader expects\n'); // the loader throws: node exits in the guest
    const exit = await Promise.race([vm.exited, new Promise((resolve) => setTimeout(resolve, 60_000))]);
    rmSync(control, { recursive: true, force: true });
    expect(exit).toEqual({ code: 0, signal: null }); // the guest rebooted; -no-reboot ends QEMU
    expect(lines.join('\n')).toContain(EXIT_MARKER);
  }, 90_000);

  it('remove stops the VM and deletes the deployment; purge deletes the version cache, not the kernel', async () => {
    const info = await target.status(artifact.name);
    await target.remove(artifact.name, { purge: true });
    expect(existsSync(info.deploymentDir)).toBe(false);
    expect(qemuProcesses(cache)).toEqual([]);
    await expect(target.status(artifact.name)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const left = filesUnder(cache).map((file) => file.slice(cache.length + 1));
    expect(left.length).toBeGreaterThan(0);
    expect(
      left.every(
        (file) => file.startsWith('microvm/cache/kernels/') || file.startsWith('microvm/cache/accelerator/'),
      ),
    ).toBe(true);
    expect(readdirSync(home).flatMap((dir) => filesUnder(join(home, dir)))).toEqual([]);
  }, 120_000);
});

/** How long each build step took, from the progress messages' times (the next message ends a step). */
function stepTimes(messages: readonly string[], at: readonly number[]): Record<string, number> {
  const steps: Record<string, number> = {};
  const names: Array<[RegExp, string]> = [
    [/kernel/, 'kernelDownloadExtract'],
    [/initramfs/, 'initramfsBuild'],
    [/probing KVM/, 'kvmProbe'],
    [/warm snapshot/, 'coldBootAndSnapshot'],
    [/starting the microVM/, 'firstRestoreToHealthy'],
  ];
  messages.forEach((message, index) => {
    const name = names.find(([pattern]) => pattern.test(message))?.[1];
    if (name !== undefined) steps[name] = (at[index + 1] ?? 0) - (at[index] ?? 0);
  });
  return steps;
}

/** From the launcher's spawn to the supervisor's first healthy MCP check, in the log of the last start. */
function launcherToHealthy(log: string): number {
  const times = (event: string) =>
    [...log.matchAll(new RegExp(`\\[mcp-factory ([^\\]]+)\\] ${event}`, 'g'))].map((m) =>
      Date.parse(m[1] ?? ''),
    );
  const started = times('server started').at(-1) ?? Number.NaN;
  const healthy = times('server healthy').at(-1) ?? Number.NaN;
  return healthy - started;
}

function snapshotsDir(cache: string): string {
  return join(cache, 'microvm', 'cache', 'servers', 'notes', '1.0.0', 'snapshots');
}

type Fingerprints = { readonly openssl?: string; readonly kernel?: string };

/** The `randomness` fingerprints of the last "microvm config applied" line in a console log. */
function randomnessOf(log: string): Fingerprints {
  const lines = log.split('\n').filter((line) => line.includes('"msg":"microvm config applied"'));
  const last = lines.at(-1);
  return last === undefined ? {} : ((JSON.parse(last) as { randomness?: Fingerprints }).randomness ?? {});
}

async function logText(target: MicrovmTarget, name: string): Promise<string> {
  const lines: string[] = [];
  for await (const line of target.logs(name, { tail: 500 })) lines.push(line);
  return lines.join('\n');
}
