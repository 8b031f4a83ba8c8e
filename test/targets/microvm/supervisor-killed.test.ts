/**
 * kill -9 of a microVM's supervisor, the same behaviour as the local target: status says the supervisor
 * died and that its VM was left running (no dead pid reported as the supervisor's), and `start` ends the
 * orphan VM before starting a fresh one — never two VMs, never an unsupervised one left serving.
 * One cold boot (no snapshot) keeps this focused: TCG is slow.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MicrovmTarget } from '../../../src/targets/microvm/microvm-target.js';
import { type ImageArtifact, imageArtifact } from '../../helpers/image-artifact.js';
import { pidAlive, waitFor } from '../local/helpers.js';
import { QEMU, qemuProcesses, TITLE, tempDir } from './helpers.js';

describe.skipIf(QEMU === undefined)(`${TITLE}: supervisor killed`, () => {
  let image: ImageArtifact;
  let home: string;
  let cache: string;
  let target: MicrovmTarget;

  beforeAll(async () => {
    image = await imageArtifact();
    home = tempDir('mcpf-microvm-orphan-home-');
    cache = tempDir('mcpf-microvm-orphan-cache-');
    target = new MicrovmTarget({ home, cacheDir: cache, qemuBinary: QEMU });
  }, 60_000);

  afterAll(async () => {
    for (const info of (await target?.list()) ?? []) await target.remove(info.name).catch(() => undefined);
    expect(cache === undefined ? [] : qemuProcesses(cache)).toEqual([]);
    for (const dir of [home, cache]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    image?.cleanup();
  });

  it('status tells the orphan VM is left running; start ends it and boots one fresh VM', async () => {
    const name = image.artifact.name;
    const info = await target.deploy(image.artifact, { snapshot: false, env: { NOTES_DB: '/tmp/notes.db' } });
    const [orphan] = qemuProcesses(cache);
    const supervisorPid = info.supervisorPid ?? 0;
    process.kill(supervisorPid, 'SIGKILL');
    await waitFor(() => (pidAlive(supervisorPid) ? undefined : true), 5_000);

    const status = await target.status(name);
    expect(status).toMatchObject({
      state: 'failed',
      reason: `supervisor died (pid ${supervisorPid}); server pid ${info.serverPid} left running`,
    });
    expect(status.supervisorPid).toBeUndefined();
    expect(qemuProcesses(cache)).toEqual([orphan]); // what status says is true: the VM still runs

    const started = await target.start(name, { env: { NOTES_DB: '/tmp/notes.db' } });
    expect(started.state).toBe('running');
    const after = qemuProcesses(cache);
    expect(after).toHaveLength(1);
    expect(after).not.toContain(orphan);
    expect(pidAlive(orphan ?? 0)).toBe(false);
    expect((await target.health(name)).ok).toBe(true);
  }, 300_000);
});
