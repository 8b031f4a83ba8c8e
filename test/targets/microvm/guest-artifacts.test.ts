/**
 * The pieces of the microvm target that need no VM: the cpio writer (checked with the real `cpio` tool),
 * the guest init script, the host→guest config, the QEMU command line and the limits.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CpioArchive } from '../../../src/targets/microvm/cpio-archive.js';
import { guestInit, NODE_FLAGS } from '../../../src/targets/microvm/guest-init.js';
import { encodeConfig, parseConfig } from '../../../src/targets/microvm/guest-protocol.js';
import { vmLimits } from '../../../src/targets/microvm/limits.js';
import { assertQemuSafePath, qemuArgs } from '../../../src/targets/microvm/qemu-args.js';
import type { VmConfig } from '../../../src/targets/microvm/vm-config.js';
import { buildGuestConfig } from '../../../src/targets/microvm/vm-launcher.js';
import type { VmSpec } from '../../../src/targets/microvm/vmm.js';
import { tempDir } from './helpers.js';

const work = tempDir('mcpf-microvm-unit-');
afterAll(() => rmSync(work, { recursive: true, force: true }));
const hasCpio = spawnSync('cpio', ['--version'], { stdio: 'ignore' }).status === 0;

describe.skipIf(!hasCpio)('cpio archive (read back with the cpio tool)', () => {
  it('holds folders, files with their modes and symlinks, as the kernel reads newc', () => {
    const archive = join(work, 'test.cpio');
    const writer = new CpioArchive(archive);
    writer.file('bin/tool', '#!/bin/sh\necho hi\n', 0o755);
    writer.file('app/dist/server.mjs', Buffer.from('export {};\n'));
    writer.symlink('lib64/ld.so', '/lib/x86_64-linux-gnu/ld.so');
    writer.dir('tmp');
    writer.close();
    expect(statSync(archive).size % 512).toBe(0);
    const out = join(work, 'out');
    mkdirSync(out);
    execFileSync('cpio', ['-idm', '--quiet', '-F', archive], { cwd: out });
    expect(readFileSync(join(out, 'bin/tool'), 'utf8')).toBe('#!/bin/sh\necho hi\n');
    expect(statSync(join(out, 'bin/tool')).mode & 0o777).toBe(0o755);
    expect(readFileSync(join(out, 'app/dist/server.mjs'), 'utf8')).toBe('export {};\n');
    expect(readlinkSync(join(out, 'lib64/ld.so'))).toBe('/lib/x86_64-linux-gnu/ld.so');
    expect(statSync(join(out, 'tmp')).isDirectory()).toBe(true);
  });
});

describe('guest init', () => {
  it('loads modules in order, silences the console echo and powers off when the server ends', () => {
    const init = guestInit({ modules: ['virtio.ko', 'virtio_net.ko'], entry: '/app/dist/server.mjs' });
    expect(init.startsWith('#!/bin/busybox sh\n')).toBe(true);
    expect(init.indexOf('insmod /lib/mcpf-modules/virtio.ko')).toBeLessThan(init.indexOf('virtio_net.ko'));
    expect(init).toContain('stty -F /dev/ttyS0 raw -echo');
    expect(init).toContain('ip addr add 10.0.2.15/24 dev eth0');
    expect(init).toContain(`NODE_FLAGS="${NODE_FLAGS}"`);
    expect(init).toContain('/bin/node $NODE_FLAGS /mcpf/loader.mjs /app/dist/server.mjs');
    expect(init.trimEnd().endsWith('reboot -f')).toBe(true);
  });

  it('refuses a module or entry name that would reach the shell', () => {
    expect(() => guestInit({ modules: ['x.ko; rm -rf /'], entry: '/app/a.mjs' })).toThrow(/unsafe/);
    expect(() => guestInit({ modules: [], entry: '/app/$(reboot).mjs' })).toThrow(/unsafe/);
  });
});

describe('host → guest config', () => {
  const config = { envNames: ['API_TOKEN', 'OPTIONAL'], guestPort: 3000 } as unknown as VmConfig;

  it('carries only the declared variables, the listen address and a fresh seed', () => {
    const env = { API_TOKEN: 't0ken', HOME: '/root', AWS_SECRET_ACCESS_KEY: 'nope' };
    const first = buildGuestConfig(config, env);
    expect(first.env).toEqual({
      API_TOKEN: 't0ken',
      MCP_TRANSPORT: 'http',
      MCP_HOST: '0.0.0.0',
      MCP_PORT: '3000',
    });
    expect(first.args).toEqual(['--transport', 'http', '--host', '0.0.0.0', '--port', '3000']);
    expect(Buffer.from(first.seed, 'base64')).toHaveLength(64);
    expect(buildGuestConfig(config, env).seed).not.toBe(first.seed);
    expect(Math.abs(first.time - Date.now())).toBeLessThan(5_000);
  });

  it('is one line of JSON that the guest parses back, and garbage is refused', () => {
    const line = encodeConfig(buildGuestConfig(config, { API_TOKEN: 'a\nb' }));
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(parseConfig(line.trim()).env.API_TOKEN).toBe('a\nb');
    expect(() => parseConfig('{"env":{}}')).toThrow(/malformed/);
    expect(() => parseConfig('not json')).toThrow();
  });
});

describe('QEMU command line', () => {
  const spec: VmSpec = {
    kernel: '/cache/vmlinux',
    initrd: '/cache/initrd.img',
    memoryMb: 256,
    vcpus: 2,
    accelerator: 'tcg',
    hostPort: 41000,
    guestPort: 3000,
    outbound: false,
    controlDir: '/run/vm',
  };
  const option = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

  it('forwards one loopback port, with no outbound network unless asked', () => {
    const args = qemuArgs(spec, '/run/vm/qmp.sock');
    expect(option(args, '-netdev')).toBe('user,id=n0,restrict=on,hostfwd=tcp:127.0.0.1:41000-:3000');
    const open = qemuArgs({ ...spec, outbound: true }, '/run/vm/qmp.sock');
    expect(option(open, '-netdev')).toBe('user,id=n0,hostfwd=tcp:127.0.0.1:41000-:3000');
    // A clone's forward is added over QMP once it runs: a paused guest would drop the first SYNs.
    const clone = qemuArgs(spec, '/run/vm/qmp.sock', { incoming: true });
    expect(option(clone, '-netdev')).toBe('user,id=n0,restrict=on');
    expect(args).not.toContain('-virtfs');
  });

  it('applies the limits, emulates with -cpu max under TCG and uses -cpu host under KVM', () => {
    const args = qemuArgs(spec, '/run/vm/qmp.sock');
    expect(option(args, '-m')).toBe('256M');
    expect(option(args, '-smp')).toBe('2');
    expect(option(args, '-cpu')).toBe('max');
    expect(args).toContain('-no-reboot');
    expect(option(qemuArgs({ ...spec, accelerator: 'kvm' }, '/s'), '-cpu')).toBe('host');
    expect(option(qemuArgs({ ...spec, accelerator: 'kvm' }, '/s'), '-append')).not.toContain('tsc_early_khz');
    // node without its JIT compilers under emulation only
    expect(option(args, '-append')).toContain('mcpf.interpreter_only');
    expect(option(qemuArgs({ ...spec, accelerator: 'kvm' }, '/s'), '-append')).not.toContain(
      'mcpf.interpreter_only',
    );
  });

  it('shares the RAM file for the golden boot and maps it privately for clones', () => {
    const golden = qemuArgs(spec, '/s', { ram: { path: '/c/ram', shared: true } });
    expect(option(golden, '-object')).toBe('memory-backend-file,id=mem,size=256M,mem-path=/c/ram,share=on');
    const clone = qemuArgs(spec, '/s', { ram: { path: '/c/ram', shared: false }, incoming: true });
    expect(option(clone, '-object')).toContain('share=off');
    expect(option(clone, '-incoming')).toBe('defer');
  });

  it('refuses paths that would split a QEMU option', () => {
    expect(() => assertQemuSafePath('/tmp/a,b')).toThrow();
    expect(() => assertQemuSafePath('/tmp/a b')).toThrow();
    expect(() => assertQemuSafePath('/tmp/ok-path_1.2')).not.toThrow();
  });
});

describe('limits', () => {
  it('defaults to 256 MB and 1 vCPU and refuses what cannot boot', () => {
    expect(vmLimits(undefined)).toEqual({ memoryMb: 256, vcpus: 2 });
    expect(vmLimits({ memoryMb: 512, cpus: 2 })).toEqual({ memoryMb: 512, vcpus: 2 });
    expect(() => vmLimits({ memoryMb: 128 })).toThrow(expect.objectContaining({ code: 'USAGE' }));
    expect(() => vmLimits({ cpus: 1.5 })).toThrow(expect.objectContaining({ code: 'USAGE' }));
  });
});
