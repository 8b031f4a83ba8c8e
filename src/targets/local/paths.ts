/**
 * Where a local deployment keeps its runtime files: `<home>/deployments/<name>/`. The supervisor is the only
 * writer of state.json while it runs; the target writes it only when no supervisor is alive.
 */
import { join } from 'node:path';
import { FactoryError } from '../../errors.js';

export interface DeploymentPaths {
  readonly dir: string;
  /** What the supervisor runs: written by the target before launching it (no secret values). */
  readonly config: string;
  readonly state: string;
  /** The server's stdout/stderr plus supervisor events, rotated by size (server.log.1, .2, …). */
  readonly serverLog: string;
  /** The supervisor process's own stdout/stderr (crash traces of the supervisor itself). */
  readonly supervisorLog: string;
  readonly clientConfig: string;
  /** Written by `stop` just before SIGTERM: the grace period the caller asked for. */
  readonly stopRequest: string;
}

const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]{0,127}$/;

export function deploymentPaths(home: string, name: string): DeploymentPaths {
  assertDeploymentName(name);
  const dir = join(home, 'deployments', name);
  return {
    dir,
    config: join(dir, 'supervisor.json'),
    state: join(dir, 'state.json'),
    serverLog: join(dir, 'server.log'),
    supervisorLog: join(dir, 'supervisor.log'),
    clientConfig: join(dir, 'client-config.json'),
    stopRequest: join(dir, 'stop-request.json'),
  };
}

export function deploymentsRoot(home: string): string {
  return join(home, 'deployments');
}

export function assertDeploymentName(name: string): void {
  if (NAME_PATTERN.test(name)) return;
  throw new FactoryError('USAGE', `invalid deployment name "${name}"`, {
    hint: 'use lower-case letters, digits, ".", "_" and "-", starting with a letter or digit',
  });
}
