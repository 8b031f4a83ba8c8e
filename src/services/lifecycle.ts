/**
 * Stop, start and restart a deployed server. Each is the same three steps: find the deployment, ask its
 * target, record what the target reports. Start and restart hand the target the environment the
 * deployment's env files hold now (see deployment-env.ts), so a server comes back configured as deployed,
 * and wait for the server's connections to be ready.
 */
import type { DeploymentInfo, StartOptions, Target, TargetKind } from '../targets/index.js';
import { assertRequiredEnv, deploymentEnv } from './deployment-env.js';
import type { FactoryContext } from './factory-context.js';
import { findDeployment } from './find-deployment.js';
import { awaitReadiness } from './readiness.js';
import { recordDeployment } from './record-deployment.js';

type Action = 'stop' | 'start' | 'restart';

const LIVE = new Set(['starting', 'running', 'unhealthy']);

export interface ChangeOptions {
  /** start/restart: use this env file from now on instead of the recorded one. */
  readonly envFile?: string | undefined;
  /** Folder `envFile` is relative to. */
  readonly cwd?: string | undefined;
  readonly progress?: ((message: string) => void) | undefined;
}

export async function changeDeployment(
  context: FactoryContext,
  name: string,
  action: Action,
  kind?: TargetKind,
  options: ChangeOptions = {},
): Promise<DeploymentInfo> {
  const { target, info: before } = await findDeployment(context, name, kind);
  const registry = await context.registry();
  let info: DeploymentInfo;
  let envFiles: string[] | undefined;
  if (action === 'stop') info = await target.stop(name);
  else {
    const env = await deploymentEnv(registry, target.kind, name, {
      explicit: options.envFile,
      cwd: options.cwd,
    });
    assertRequiredEnv(await registry.getVersion(name, before.version), env, context.env);
    envFiles = options.envFile === undefined ? undefined : env.files;
    // A new env file for a live server only takes effect through a restart.
    const restart = action === 'restart' || (envFiles !== undefined && LIVE.has(before.state));
    info = await startOrRestart(target, name, restart, { env: env.values, progress: options.progress });
  }
  const recorded = await recordDeployment(registry, info, envFiles);
  await registry.logEvent({
    server: name,
    deploymentId: recorded.id,
    level: 'info',
    message: `${action}: ${info.state}`,
  });
  return info;
}

async function startOrRestart(
  target: Target,
  name: string,
  restart: boolean,
  options: StartOptions,
): Promise<DeploymentInfo> {
  return awaitReadiness(await (restart ? target.restart(name, options) : target.start(name, options)));
}
