/**
 * The `deploy` use case: pick the recorded version, prepare its artifact (bundle, or regenerate from the
 * stored spec), hand it to the target, and record what the target reports. Failures are recorded too.
 */
import { resolve } from 'node:path';
import { FactoryError } from '../errors.js';
import type {
  DeploymentInfo,
  DeployOptions,
  ResourceLimits,
  TargetKind,
  TransportKind,
} from '../targets/index.js';
import { prepareArtifact } from './artifact.js';
import { assertRequiredEnv, deploymentEnv } from './deployment-env.js';
import type { FactoryContext } from './factory-context.js';
import { awaitReadiness } from './readiness.js';
import { recordDeployment } from './record-deployment.js';

export interface DeployServerOptions {
  readonly name: string;
  readonly version?: string | undefined;
  readonly target: TargetKind;
  readonly transport?: TransportKind | undefined;
  readonly port?: number | undefined;
  /**
   * KEY=VALUE file whose values are passed to the server's environment. Its path is recorded with the
   * deployment and read again at every start (values are never stored); default: the recorded one, else
   * a `.env` in the project folder.
   */
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
  /** What did not go as the spec or options asked (e.g. the spec's port was taken). */
  readonly warnings: readonly string[];
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
  const env = await deploymentEnv(registry, options.target, version.name, {
    explicit: options.envFile,
    cwd: options.cwd,
    projectDir: version.artifactDir,
  });
  if (env.files.length > 0) options.progress?.(`environment from ${env.files.join(', ')}`);
  options.progress?.(`bundling ${version.name} ${version.version}`);
  const { artifact, regeneratedFrom } = await prepareArtifact(version, context.home, { image: imageBased });
  assertRequiredEnv(version, env, context.env);
  const target = context.targets[options.target];
  options.progress?.(`starting on the ${target.kind} target`);
  try {
    const deployed = await target.deploy(artifact, targetOptions(options, env.values));
    options.progress?.('waiting for its connections to be ready');
    const deployment = await awaitReadiness(deployed);
    const recorded = await recordDeployment(registry, deployment, env.files);
    await registry.logEvent({
      server: version.name,
      deploymentId: recorded.id,
      level: 'info',
      message: `deployed ${version.version} to ${target.kind}: ${deployment.endpoint}`,
    });
    return {
      deployment,
      regeneratedFrom,
      warnings: portWarnings(artifact.preferredPort, options, deployment),
    };
  } catch (error) {
    const message = `deploy of ${version.version} failed: ${error instanceof Error ? error.message : String(error)}`;
    const failed = await target.status(version.name).catch(() => undefined);
    const recorded = failed ? await recordDeployment(registry, failed, env.files) : undefined;
    await registry.logEvent({
      server: version.name,
      deploymentId: recorded?.id ?? null,
      level: 'error',
      message,
    });
    throw error;
  }
}

function targetOptions(options: DeployServerOptions, env: Record<string, string>): DeployOptions {
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

/** The local target takes the spec's port when it is free; when it was not, the user hears about it. */
function portWarnings(
  preferred: number | undefined,
  options: DeployServerOptions,
  deployment: DeploymentInfo,
): string[] {
  if (preferred === undefined || options.port !== undefined || options.target !== 'local') return [];
  if (deployment.transport !== 'http' || deployment.port === preferred) return [];
  return [
    `port ${preferred} (the spec's http.port) was taken: ${deployment.name} listens on ${deployment.port}`,
  ];
}
