/**
 * `purge(name)` on the targets that keep files (no engine needed): what a plain remove left goes — the
 * microVM's cached initramfs and snapshots of every version — and nothing is purged while the server is
 * still deployed. The Docker target's purge (volume and images) is tested with a real engine in
 * test/flow/image-targets-flow.test.ts.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalTarget } from '../../src/targets/local/local-target.js';
import { MicrovmTarget } from '../../src/targets/microvm/microvm-target.js';

let home = '';
afterEach(() => rmSync(home, { recursive: true, force: true }));

describe('purge after a plain remove', () => {
  it('microvm: deletes every cached version of the server and nothing else', async () => {
    home = mkdtempSync(join(tmpdir(), 'mcpf-purge-'));
    const cache = join(home, 'microvm', 'cache');
    for (const dir of [
      'servers/notes/1.0.0/snapshots/k',
      'servers/notes/1.1.0',
      'servers/other/1.0.0',
      'kernels/k1',
    ])
      mkdirSync(join(cache, dir), { recursive: true });
    writeFileSync(join(cache, 'servers/notes/1.0.0/initrd.cpio'), 'x');
    const target = new MicrovmTarget({ home });
    expect(await target.purge('notes')).toEqual([join(cache, 'servers', 'notes')]);
    expect(existsSync(join(cache, 'servers', 'notes'))).toBe(false);
    expect(existsSync(join(cache, 'servers', 'other', '1.0.0'))).toBe(true);
    expect(existsSync(join(cache, 'kernels', 'k1'))).toBe(true);
    expect(await target.purge('notes')).toEqual([]);
  });

  it('refuses while the server is still deployed (CONFLICT), on every target that keeps a record', async () => {
    home = mkdtempSync(join(tmpdir(), 'mcpf-purge-'));
    for (const dir of [join(home, 'deployments', 'notes'), join(home, 'microvm', 'deployments', 'notes')]) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'supervisor.json'), '{}');
    }
    await expect(new LocalTarget({ home }).purge('notes')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(new MicrovmTarget({ home }).purge('notes')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await new LocalTarget({ home }).purge('other')).toEqual([]);
  });
});
