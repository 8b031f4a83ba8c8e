/** Whether the engines the docker and microvm benches need are on this machine (their cases are left out if not). */
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { delimiter, join } from 'node:path';

/** The Docker engine answers `/_ping` on DOCKER_HOST's unix socket (default /var/run/docker.sock). */
export function dockerAvailable(): Promise<boolean> {
  const host = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
  if (!host.startsWith('unix://')) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = request(
      { socketPath: host.slice('unix://'.length), path: '/_ping', timeout: 2_000 },
      (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      },
    );
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

export function qemuAvailable(): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => existsSync(join(dir, 'qemu-system-x86_64')));
}
