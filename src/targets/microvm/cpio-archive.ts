/**
 * A writer of uncompressed `newc` cpio archives — the initramfs format the kernel unpacks into its root
 * filesystem. Uncompressed because decompressing ≈100 MB under software emulation costs seconds at every
 * cold boot. Written in Node so building an initramfs needs no `cpio` tool and no root.
 */
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

const TRAILER = 'TRAILER!!!';
const MODE = { dir: 0o040000, file: 0o100000, symlink: 0o120000 } as const;

export class CpioArchive {
  private readonly fd: number;
  private inode = 1;
  private offset = 0;
  private readonly dirs = new Set<string>();

  constructor(path: string) {
    this.fd = openSync(path, 'wx', 0o600);
  }

  /** A folder and every missing parent (`a/b/c`, no leading slash). */
  dir(path: string, mode = 0o755): void {
    const parts = path.split('/').filter((part) => part !== '');
    for (let index = 1; index <= parts.length; index++) {
      const sub = parts.slice(0, index).join('/');
      if (this.dirs.has(sub)) continue;
      this.dirs.add(sub);
      this.entry(sub, MODE.dir | mode, Buffer.alloc(0));
    }
  }

  file(path: string, data: Buffer | string, mode = 0o644): void {
    this.parentOf(path);
    this.entry(path, MODE.file | mode, typeof data === 'string' ? Buffer.from(data) : data);
  }

  copy(path: string, source: string, mode = 0o644): void {
    this.file(path, readFileSync(source), mode);
  }

  symlink(path: string, target: string): void {
    this.parentOf(path);
    this.entry(path, MODE.symlink | 0o777, Buffer.from(target));
  }

  close(): void {
    this.entry(TRAILER, 0, Buffer.alloc(0));
    const pad = (512 - (this.offset % 512)) % 512;
    if (pad > 0) this.write(Buffer.alloc(pad));
    closeSync(this.fd);
  }

  private parentOf(path: string): void {
    const slash = path.lastIndexOf('/');
    if (slash > 0) this.dir(path.slice(0, slash));
  }

  private entry(name: string, mode: number, data: Buffer): void {
    const fields = [
      this.inode++,
      mode,
      0, // uid: root
      0, // gid
      mode & MODE.dir ? 2 : 1,
      0, // mtime: fixed, so the same inputs give the same bytes
      data.length,
      0,
      0,
      0,
      0,
      Buffer.byteLength(name) + 1,
      0,
    ];
    const header = `070701${fields.map((value) => value.toString(16).padStart(8, '0')).join('')}`;
    this.write(Buffer.from(`${header}${name}\0`));
    this.align();
    this.write(data);
    this.align();
  }

  private align(): void {
    const pad = (4 - (this.offset % 4)) % 4;
    if (pad > 0) this.write(Buffer.alloc(pad));
  }

  private write(data: Buffer): void {
    if (data.length === 0) return;
    writeSync(this.fd, data);
    this.offset += data.length;
  }
}
