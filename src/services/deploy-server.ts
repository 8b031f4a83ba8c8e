/**
 * The `deploy` use case: pick the recorded version, prepare its artifact (bundle, or regenerate from the
 * stored spec), hand it to the target, and record what the target reports. Failures are recorded too.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { FactoryError } from '../errors.js';
import type {
  DeploymentInfo,
  DeployOptions,
  ResourceLimits,
  TargetKind,
  TransportKind,
} from '../targets/index.js';
import { prepareArtifact } from './artifact.js';
import type { FactoryContext } from './factory-context.js';
import { awaitReadiness } from './readiness.js';
import { recordDeployment } from './record-deployment.js';

export interface DeployServerOptions {
  readonly name: string;
  readonly version?: string | undefined;
  readonly target: TargetKind;
  readonly transport?: TransportKind | undefined;
  readonly port?: number | undefined;
  /** KEY=VALUE file whose values are passed to the server's environment (never stored). */
  readonly envFile?: string | undefined;
  readonly restart?: DeployOptions['restart'];
  readonly unhealthyRestartAfter?: number | undefined;
  /** docker, microvm */
  readonly limits?: ResourceLimits | undefined;
  /** docker */
  readonly replicas?: number | undefined;
  /** docker */
  readonly baseImage?: string | undefined;
  /** microvm: false boots cold instead of restoring the version's snapshot */
  readonly snapshot?: boolean | undefined;
  /** microvm: a vmlinux to boot instead of Debian's kernel */
  readonly kernel?: string | undefined;
  /** microvm: allow outbound connections from the guest */
  readonly outboundNetwork?: boolean | undefined;
  readonly cwd: string;
  readonly progress?: (message: string) => void;
}

export interface DeployServerResult {
  readonly deployment: DeploymentInfo;
  /** Set when the version was regenerated because its project folder holds something else now. */
  readonly regeneratedFrom?: string | undefined;
}

export async function deployServer(
  context: FactoryContext,
  options: DeployServerOptions,
): Promise<DeployServerResult> {
  const registry = await context.registry();
  const version = await registry.getVersion(options.name, options.version);
  const imageBased = options.target !== 'local';
  if (imageBased && options.transport === 'stdio') {
    throw new FactoryError('USAGE', `the ${options.target} target runs servers over HTTP only`, {
      hint: 'leave out --transport, or deploy stdio to --target local (it bridges stdio to HTTP)',
    });
  }
  const env = options.envFile ? readEnvFile(resolve(options.cwd, options.envFile)) : undefined;
  options.progress?.(`bundling ${version.name} ${version.version}`);
  const { artifact, regeneratedFrom } = await prepareArtifact(version, context.home, { image: imageBased });
  const target = context.targets[options.target];
  options.progress?.(`starting on the ${target.kind} target`);
  try {
    const deployed = await target.deploy(artifact, targetOptions(options, env));
    options.progress?.('waiting for its connections to be ready');
    const deployment = await awaitReadiness(deployed);
    const recorded = await recordDeployment(registry, deployment);
    await registry.logEvent({
      server: version.name,
      deploymentId: recorded.id,
      level: 'info',
      message: `deployed ${version.version} to ${target.kind}: ${deployment.endpoint}`,
    });
    return { deployment, regeneratedFrom };
  } catch (error) {
    const message = `deploy of ${version.version} failed: ${error instanceof Error ? error.message : String(error)}`;
    const failed = await target.status(version.name).catch(() => undefined);
    const recorded = failed ? await recordDeployment(registry, failed) : undefined;
    await registry.logEvent({
      server: version.name,
      deploymentId: recorded?.id ?? null,
      level: 'error',
      message,
    });
    throw error;
  }
}

function targetOptions(options: DeployServerOptions, env: Record<string, string> | undefined): DeployOptions {
  return {
    transport: options.transport,
    port: options.port,
    env,
    restart: options.restart,
    unhealthyRestartAfter: options.unhealthyRestartAfter,
    limits: options.limits,
    replicas: options.replicas,
    baseImage: options.baseImage,
    snapshot: options.snapshot,
    kernel: options.kernel === undefined ? undefined : resolve(options.cwd, options.kernel),
    outboundNetwork: options.outboundNetwork,
    progress: options.progress,
  };
}

function readEnvFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new FactoryError('INPUT_UNREADABLE', `cannot read env file ${file} (${reason})`);
  }
  return Object.fromEntries(
    Object.entries(parseEnv(text)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}
