/**
 * Compression of the initramfs. Uncompressed would boot fastest, but the kernel holds the archive and
 * its unpacked copy in RAM at once, and ≈110 MB twice does not fit a 256 MB guest. LZ4 (legacy frame, as
 * the kernel wants it) unpacks fast even under emulation; without the `lz4` tool, gzip from Node's zlib.
 * With snapshots only the golden boot pays for it.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';

export async function compressInitramfs(cpio: string, output: string): Promise<'lz4' | 'gzip'> {
  const lz4 = spawnSync('lz4', ['-l', '-q', '-f', cpio, output], { stdio: 'ignore' });
  if (lz4.status === 0) return 'lz4';
  await pipeline(
    createReadStream(cpio),
    createGzip({ level: 1 }),
    createWriteStream(output, { mode: 0o600 }),
  );
  return 'gzip';
}
