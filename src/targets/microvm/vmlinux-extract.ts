/**
 * The uncompressed kernel (vmlinux, an ELF file) inside a Debian bzImage. QEMU boots an ELF vmlinux
 * through PVH directly, skipping the in-guest decompression that costs ≈3 s under software emulation.
 * Debian compresses its kernels with xz: the payload starts at the first XZ magic.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { FactoryError } from '../../errors.js';

const XZ_MAGIC = Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]);
const ELF_MAGIC = Buffer.from([0x7f, 0x45, 0x4c, 0x46]);

export async function extractVmlinux(bzImage: string, output: string): Promise<void> {
  const image = readFileSync(bzImage);
  const start = image.indexOf(XZ_MAGIC);
  if (start < 0) {
    throw new FactoryError('TARGET_UNAVAILABLE', `no xz-compressed kernel found in ${bzImage}`, {
      hint: 'pass an uncompressed vmlinux with --kernel',
    });
  }
  await unxz(image.subarray(start), output);
  if (!isElf(output)) throw new FactoryError('INTERNAL', `the kernel extracted from ${bzImage} is not ELF`);
}

/** `xz --single-stream` stops at the end of the kernel and ignores what the bzImage appends after it. */
function unxz(data: Buffer, output: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = openSync(output, 'w', 0o644);
    const child = spawn('xz', ['--decompress', '--stdout', '--single-stream'], {
      stdio: ['pipe', out, 'pipe'],
    });
    closeSync(out);
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) =>
      reject(new FactoryError('TARGET_UNAVAILABLE', `xz: ${error.message}`, { hint: 'install xz-utils' })),
    );
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new FactoryError('INTERNAL', `xz failed on the kernel: ${stderr}`)),
    );
    child.stdin?.on('error', () => undefined); // xz closes its input early by design
    child.stdin?.end(data);
  });
}

export function isElf(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    return head.equals(ELF_MAGIC);
  } finally {
    closeSync(fd);
  }
}
