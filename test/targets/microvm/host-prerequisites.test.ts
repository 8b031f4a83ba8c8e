/**
 * The microvm target checks every host tool it will run before any work and names all the missing ones
 * at once, with the Debian packages to install. Run with a PATH that lacks them: nothing boots, nothing
 * is downloaded.
 */
import { existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FactoryError } from '../../../src/errors.js';
import { checkHostPrerequisites } from '../../../src/targets/microvm/host-prerequisites.js';
import { MicrovmTarget } from '../../../src/targets/microvm/microvm-target.js';
import { type ImageArtifact, imageArtifact } from '../../helpers/image-artifact.js';
import { tempDir } from './helpers.js';

const KERNEL_TOOLS = ['apt-cache', 'apt-get', 'dpkg-deb', 'xz', 'depmod', 'modprobe'];

describe('microvm host prerequisites', () => {
  let image: ImageArtifact;
  let work: string;
  const savedPath = process.env.PATH;

  beforeAll(async () => {
    image = await imageArtifact();
    work = tempDir('mcpf-microvm-prereq-');
  }, 60_000);

  afterAll(() => {
    process.env.PATH = savedPath;
    image?.cleanup();
    if (work !== undefined) rmSync(work, { recursive: true, force: true });
  });

  /** Deploys with PATH set to a folder holding only `tools` (links to the host's), and returns the error. */
  async function deployWithPath(tools: readonly string[], kernel?: string): Promise<FactoryError> {
    const bin = join(work, `bin-${tools.length}-${kernel === undefined ? 'debian' : 'custom'}`);
    mkdirSync(bin, { recursive: true });
    for (const tool of tools) symlinkSync(join('/usr/bin', tool), join(bin, tool));
    const cache = join(work, 'cache');
    const target = new MicrovmTarget({ home: join(work, 'home'), cacheDir: cache });
    process.env.PATH = bin;
    try {
      await target.deploy(image.artifact, kernel === undefined ? {} : { kernel });
    } catch (error) {
      return error as FactoryError;
    } finally {
      process.env.PATH = savedPath;
    }
    throw new Error('deploy succeeded without any host tool');
  }

  it('names every missing tool and its package at once, before downloading anything', async () => {
    const started = Date.now();
    const error = await deployWithPath([]);
    expect(error).toBeInstanceOf(FactoryError);
    expect(error.code).toBe('TARGET_UNAVAILABLE');
    for (const tool of ['qemu-system-x86_64', 'busybox', 'ldd', ...KERNEL_TOOLS]) {
      expect(error.message).toContain(`${tool} (`);
    }
    expect(error.hint).toBe(
      'install them: apt-get install --no-install-recommends qemu-system-x86 busybox-static libc-bin apt dpkg xz-utils kmod lz4',
    );
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(existsSync(join(work, 'cache', 'kernels'))).toBe(false);
  });

  it('asks only for what is missing, and not for the kernel tools with --kernel', async () => {
    const error = await deployWithPath(['ldd', 'apt-get'], '/boot/vmlinux-of-my-own');
    expect(error.code).toBe('TARGET_UNAVAILABLE');
    expect(error.message).toContain('qemu-system-x86_64 (');
    expect(error.message).toContain('busybox (');
    expect(error.message).not.toMatch(/ldd|apt|kmod|depmod|modprobe/);
    expect(error.hint).toBe(
      'install them: apt-get install --no-install-recommends qemu-system-x86 busybox-static lz4',
    );
  });

  it('passes on a host that has them all, and reports lz4 only as a recommendation', () => {
    const host = join(work, 'host-bin');
    mkdirSync(host);
    for (const tool of ['qemu-system-x86_64', 'busybox', 'ldd', ...KERNEL_TOOLS]) {
      symlinkSync('/bin/true', join(host, tool));
    }
    expect(checkHostPrerequisites({ qemuBinary: 'qemu-system-x86_64', buildsKernel: true }, host)).toEqual([
      expect.objectContaining({ command: 'lz4', package: 'lz4' }),
    ]);
  });
});
