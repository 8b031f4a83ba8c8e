/**
 * Running the host tools the artifacts are built with (apt-get, dpkg-deb, depmod, modprobe, xz, ldd):
 * argv only, never a shell, and a failure names the tool and what it printed.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { FactoryError } from '../../errors.js';

const execFileAsync = promisify(execFile);

export async function runTool(
  command: string,
  args: readonly string[],
  options: { cwd?: string; hint?: string } = {},
): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, [...args], {
      cwd: options.cwd,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    const output = (failure.stderr ?? '').trim().split('\n').slice(-5).join('\n');
    const what = failure.code === 'ENOENT' ? 'is not installed' : `failed: ${output || failure.message}`;
    throw new FactoryError('TARGET_UNAVAILABLE', `${command} ${what}`, {
      hint: options.hint ?? `the microvm target needs ${command} on this host`,
    });
  }
}
