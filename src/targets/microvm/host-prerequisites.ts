/**
 * Every host tool the microvm target runs, checked before any work (kernel download, initramfs build,
 * boot) and reported all at once with the Debian packages that provide them: a new host needs one
 * install, not one failed deploy per missing tool. Tools are looked up on PATH, as they are run.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { FactoryError } from '../../errors.js';

export interface HostTool {
  readonly command: string;
  /** The Debian package that installs it. */
  readonly package: string;
  readonly use: string;
}

const GUEST_TOOLS: readonly HostTool[] = [
  { command: 'busybox', package: 'busybox-static', use: 'the guest’s init and shell' },
  { command: 'ldd', package: 'libc-bin', use: 'lists the libraries node needs in the guest' },
];

/** Only for Debian's kernel, and only until it is in the cache. */
const KERNEL_TOOLS: readonly HostTool[] = [
  { command: 'apt-cache', package: 'apt', use: 'names the current kernel package' },
  { command: 'apt-get', package: 'apt', use: 'downloads the kernel package' },
  { command: 'dpkg-deb', package: 'dpkg', use: 'unpacks the kernel package' },
  { command: 'xz', package: 'xz-utils', use: 'decompresses the kernel image' },
  { command: 'depmod', package: 'kmod', use: 'indexes the kernel’s virtio modules' },
  { command: 'modprobe', package: 'kmod', use: 'orders the virtio modules for loading' },
];

/** Without it the initramfs is gzip-compressed, which unpacks slower under emulation: worth installing. */
const RECOMMENDED: readonly HostTool[] = [
  { command: 'lz4', package: 'lz4', use: 'compresses the initramfs so the guest unpacks it fast' },
];

export interface PrerequisiteNeeds {
  /** The QEMU executable: a name looked up on PATH, or a path. */
  readonly qemuBinary: string;
  /** Debian's kernel must still be downloaded and prepared (no --kernel, nothing cached). */
  readonly buildsKernel: boolean;
}

/**
 * Throws one TARGET_UNAVAILABLE error naming every missing tool (and the recommended ones, so a single
 * apt-get line installs all); returns the recommended tools that are missing when nothing required is.
 */
export function checkHostPrerequisites(needs: PrerequisiteNeeds, path = process.env.PATH ?? ''): HostTool[] {
  const qemu = { command: needs.qemuBinary, package: 'qemu-system-x86', use: 'runs the VM' };
  const required = [qemu, ...GUEST_TOOLS, ...(needs.buildsKernel ? KERNEL_TOOLS : [])];
  const missing = required.filter((tool) => findExecutable(tool.command, path) === undefined);
  const recommended = RECOMMENDED.filter((tool) => findExecutable(tool.command, path) === undefined);
  if (missing.length === 0) return recommended;
  const packages = [...new Set([...missing, ...recommended].map((tool) => tool.package))];
  const list = missing.map((tool) => `${tool.command} (${tool.use})`).join(', ');
  throw new FactoryError(
    'TARGET_UNAVAILABLE',
    `the microvm target needs host tools that are missing: ${list}`,
    {
      hint: `install them: apt-get install --no-install-recommends ${packages.join(' ')}`,
    },
  );
}

/** The executable a command runs: itself when it holds a slash, else the first match on PATH. */
export function findExecutable(command: string, path = process.env.PATH ?? ''): string | undefined {
  const candidates = command.includes('/')
    ? [command]
    : path
        .split(delimiter)
        .filter((dir) => dir !== '')
        .map((dir) => join(dir, command));
  return candidates.find(isExecutable);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The recommendation as one progress line. */
export function describeRecommended(tools: readonly HostTool[]): string | undefined {
  if (tools.length === 0) return undefined;
  const names = tools.map((tool) => `${tool.command} (${tool.use})`).join(', ');
  return `recommended but not installed: ${names}; apt-get install ${tools.map((t) => t.package).join(' ')}`;
}
