/**
 * A private (0700) folder for a VM's control socket. Unix socket paths are limited to ≈107 bytes, so a
 * long preferred folder (a deep home or cache) falls back to a fresh folder under the system temp dir,
 * which `release` deletes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAX_SOCKET_DIR = 90; // leaves room for "/qmp.sock" under the 107-byte limit

export interface ControlDir {
  readonly dir: string;
  release(): void;
}

export function controlDir(preferred: string): ControlDir {
  if (preferred.length <= MAX_SOCKET_DIR) return { dir: preferred, release: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'mcpf-vm-'));
  return { dir, release: () => rmSync(dir, { recursive: true, force: true }) };
}
