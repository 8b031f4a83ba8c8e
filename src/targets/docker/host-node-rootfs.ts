/**
 * A minimal root filesystem, as a tar stream, that runs this host's `node`: the binary, the shared
 * libraries `ldd` lists for it, an /etc with an unprivileged `node` user (uid/gid 1000, as in the official
 * images), /tmp, and the host's CA bundle when it has one. DEPLOY-NOTES: ≈100 MB,
 * imported in under a second.
 */
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { pack } from 'tar-stream';

const run = promisify(execFile);

export const NODE_UID = 1000;
export const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

const ETC_FILES: Record<string, string> = {
  'etc/passwd':
    'root:x:0:0:root:/root:/usr/sbin/nologin\nnode:x:1000:1000:node:/home/node:/usr/sbin/nologin\n',
  'etc/group': 'root:x:0:\nnode:x:1000:\n',
  'etc/nsswitch.conf': 'passwd: files\ngroup: files\nhosts: files dns\n',
};

/** The host files the rootfs needs: `node` at /usr/bin/node plus each library at the path ldd names. */
export async function hostNodeFiles(nodePath = process.execPath): Promise<Map<string, string>> {
  const files = new Map<string, string>([['usr/bin/node', realpathSync(nodePath)]]);
  const { stdout } = await run('ldd', [nodePath]);
  for (const library of libraryPaths(stdout)) files.set(library.slice(1), realpathSync(library));
  if (existsSync(CA_BUNDLE)) files.set(CA_BUNDLE.slice(1), realpathSync(CA_BUNDLE));
  return files;
}

/** `libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)` and `/lib64/ld-linux-x86-64.so.2 (0x…)`. */
export function libraryPaths(lddOutput: string): string[] {
  const paths: string[] = [];
  for (const line of lddOutput.split('\n')) {
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line.trim());
    if (match?.[1] !== undefined) paths.push(match[1]);
  }
  return paths;
}

/** The rootfs as a tar stream (files are streamed from the host, never copied to a temp folder). */
export function rootfsTar(files: ReadonlyMap<string, string>): Readable {
  const tar = pack();
  void fill(tar, files).then(
    () => tar.finalize(),
    (error: unknown) => tar.destroy(error as Error),
  );
  return tar as unknown as Readable; // tar-stream's Pack is a streamx Readable, which Node streams accept
}

async function fill(tar: ReturnType<typeof pack>, files: ReadonlyMap<string, string>): Promise<void> {
  const dirs = new Set<string>(['etc', 'home', 'usr', 'usr/bin', 'bin']);
  for (const path of files.keys()) for (let d = dirname(path); d !== '.'; d = dirname(d)) dirs.add(d);
  for (const dir of [...dirs].sort()) tar.entry({ name: `${dir}/`, type: 'directory', mode: 0o755 });
  tar.entry({ name: 'tmp/', type: 'directory', mode: 0o1777 });
  const owned = { uid: NODE_UID, gid: NODE_UID, mode: 0o755 };
  tar.entry({ name: 'home/node/', type: 'directory', ...owned });
  for (const [name, text] of Object.entries(ETC_FILES)) tar.entry({ name, mode: 0o644 }, text);
  for (const [name, source] of files) await addFile(tar, name, source);
}

function addFile(tar: ReturnType<typeof pack>, name: string, source: string): Promise<void> {
  const { size, mode } = statSync(source);
  return new Promise((resolve, reject) => {
    const entry = tar.entry({ name, size, mode: mode & 0o777 }, (error) =>
      error ? reject(error) : resolve(),
    );
    createReadStream(source).on('error', reject).pipe(entry);
  });
}
