/** The file implementation: normal operations, and every way out of the root we could think of. */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FilesystemRoot } from '../lib/connections.js';
import { runFileOperation } from '../lib/files.js';
import { tempDir } from './helpers.js';

const dir = tempDir('files');
const root = join(dir.path, 'root');
const outside = join(dir.path, 'outside');
let fs: FilesystemRoot;
let readOnly: FilesystemRoot;

beforeAll(() => {
  mkdirSync(join(root, 'docs'), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, 'docs', 'a.txt'), 'alpha');
  writeFileSync(join(outside, 'secret.txt'), 'top secret');
  symlinkSync(join(outside, 'secret.txt'), join(root, 'leak.txt'));
  symlinkSync(outside, join(root, 'outdir'));
  symlinkSync(join(root, 'docs', 'a.txt'), join(root, 'inside-link.txt'));
  fs = { root, readOnly: false };
  readOnly = { root, readOnly: true };
});
afterAll(() => dir.remove());

describe('file operations', () => {
  it('reads, writes (creating folders), lists, stats and deletes below the root', async () => {
    expect(await runFileOperation(fs, { operation: 'read', path: 'docs/a.txt' })).toEqual({
      path: 'docs/a.txt',
      content: 'alpha',
      size: 5,
    });
    expect(
      await runFileOperation(fs, { operation: 'write', path: 'new/deep/b.txt', content: 'héllo' }),
    ).toEqual({
      path: 'new/deep/b.txt',
      size: 6,
    });
    expect(readFileSync(join(root, 'new', 'deep', 'b.txt'), 'utf8')).toBe('héllo');
    const listed = (await runFileOperation(fs, { operation: 'list', path: 'docs' })) as unknown[];
    expect(listed).toEqual([{ name: 'a.txt', path: 'docs/a.txt', type: 'file', size: 5 }]);
    const rootList = (await runFileOperation(fs, { operation: 'list', path: '' })) as {
      name: string;
      type: string;
    }[];
    expect(rootList.map((e) => `${e.name}:${e.type}`)).toContain('outdir:symlink');
    expect(await runFileOperation(fs, { operation: 'stat', path: 'docs/a.txt' })).toMatchObject({
      type: 'file',
      size: 5,
    });
    expect(await runFileOperation(fs, { operation: 'read', path: './inside-link.txt' })).toMatchObject({
      content: 'alpha',
    });
    expect(await runFileOperation(fs, { operation: 'delete', path: 'new/deep/b.txt' })).toEqual({
      path: 'new/deep/b.txt',
      deleted: true,
    });
  });

  it.each([
    ['a parent segment', 'read', '../outside/secret.txt', /must not contain "\.\."/],
    ['a nested parent segment', 'read', 'docs/../../outside/secret.txt', /must not contain "\.\."/],
    ['a backslash parent segment', 'read', 'docs\\..\\..\\outside\\secret.txt', /must not contain "\.\."/],
    ['an absolute path', 'read', '/etc/passwd', /must be relative/],
    ['a symlinked file leading out', 'read', 'leak.txt', /leaves the root/],
    ['a symlinked folder leading out', 'read', 'outdir/secret.txt', /leaves the root/],
    ['listing a symlinked folder leading out', 'list', 'outdir', /leaves the root/],
    ['writing through a symlinked folder', 'write', 'outdir/evil.txt', /leaves the root/],
    ['creating folders through a symlinked folder', 'write', 'outdir/new/evil.txt', /leaves the root/],
    ['writing through a symlinked file', 'write', 'leak.txt', /leaves the root/],
    ['a NUL byte', 'read', 'docs/a.txt\0.png', /NUL/],
    ['a non-string path', 'read', 42, /must be a string/],
    ['reading the root itself', 'read', '', /must name a file/],
  ] as const)('refuses %s', async (_label, operation, path, message) => {
    await expect(runFileOperation(fs, { operation, path, content: 'x' })).rejects.toThrow(message);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('top secret');
    expect(existsSync(join(outside, 'evil.txt'))).toBe(false);
    expect(existsSync(join(outside, 'new'))).toBe(false);
  });

  it('refuses write and delete on a read-only root but still reads', async () => {
    await expect(
      runFileOperation(readOnly, { operation: 'write', path: 'x.txt', content: 'x' }),
    ).rejects.toThrow('the filesystem is read-only: write is not allowed');
    await expect(runFileOperation(readOnly, { operation: 'delete', path: 'docs/a.txt' })).rejects.toThrow(
      /read-only/,
    );
    expect(existsSync(join(root, 'docs', 'a.txt'))).toBe(true);
    await expect(
      runFileOperation(readOnly, { operation: 'read', path: 'docs/a.txt' }),
    ).resolves.toMatchObject({
      content: 'alpha',
    });
  });

  it('reports file system errors with the relative path only', async () => {
    const error = await runFileOperation(fs, {
      operation: 'write',
      path: 'docs/a.txt/x.txt',
      content: 'x',
    }).catch((e: Error) => e.message);
    expect(error).toBe('not a directory: docs/a.txt/x.txt');
    expect(String(error)).not.toContain(root);
  });

  it('reports a missing file as not found', async () => {
    await expect(runFileOperation(fs, { operation: 'read', path: 'nope.txt' })).rejects.toThrow(
      'not found: nope.txt',
    );
  });
});
