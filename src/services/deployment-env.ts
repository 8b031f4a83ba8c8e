/**
 * The environment of a deployment travels by reference: the registry keeps the absolute paths of the env
 * files a deployment was given (never a value), and every deploy, start, restart, health check and
 * `mcp-test` reads them again. Which files: an explicit `--env-file` wins; else the ones recorded with the
 * deployment; else a `.env` in the project folder (where its `mcp.spec.yaml` is), when there is one.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { FactoryError, unlessNotFound } from '../errors.js';
import type { Deployment, Registry, ServerVersion } from '../registry/index.js';
import type { TargetKind } from '../targets/index.js';
import { deploymentId } from './record-deployment.js';

/** The key of a deployment's registry options that holds the env file paths. */
export const ENV_FILES_OPTION = 'envFiles';

export interface EnvChoice {
  /** `--env-file` as typed, resolved against `cwd` (default: this process's). */
  readonly explicit?: string | undefined;
  readonly cwd?: string | undefined;
  /** Paths recorded with the deployment, if any. */
  readonly recorded?: readonly string[] | undefined;
  /** The server version's project folder, for the default `.env`. */
  readonly projectDir?: string | null | undefined;
}

/** The env files to read, as absolute paths (possibly none). */
export function chooseEnvFiles(choice: EnvChoice): string[] {
  if (choice.explicit !== undefined) return [resolve(choice.cwd ?? process.cwd(), choice.explicit)];
  if (choice.recorded !== undefined && choice.recorded.length > 0) return [...choice.recorded];
  const beside = choice.projectDir ? join(choice.projectDir, '.env') : undefined;
  return beside !== undefined && existsSync(beside) ? [beside] : [];
}

/** Values from the files, later files over earlier ones; a file that cannot be read is named in the error. */
export function readEnvFiles(files: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const file of files) Object.assign(values, readEnvFile(file));
  return values;
}

function readEnvFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new FactoryError('INPUT_UNREADABLE', `cannot read env file ${file} (${reason})`, {
      hint: 'restore the file, or name another one with --env-file',
    });
  }
  return Object.fromEntries(
    Object.entries(parseEnv(text)).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

/** The env file paths recorded with a deployment (undefined when it predates references or has none). */
export function recordedEnvFiles(deployment: Deployment | undefined): string[] | undefined {
  const value = deployment?.options[ENV_FILES_OPTION];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

export interface DeploymentEnv {
  readonly files: string[];
  readonly values: Record<string, string>;
}

/** The env of the deployment of `name` on `target` as its recorded (or default) files say now. */
export async function deploymentEnv(
  registry: Registry,
  target: TargetKind,
  name: string,
  /** `projectDir` defaults to the project folder of the deployed version. */
  choice: Omit<EnvChoice, 'recorded'>,
): Promise<DeploymentEnv> {
  const deployment = await unlessNotFound(registry.getDeployment(deploymentId(target, name)));
  const projectDir =
    choice.projectDir !== undefined
      ? choice.projectDir
      : (await unlessNotFound(registry.getVersion(name, deployment?.version)))?.artifactDir;
  const files = chooseEnvFiles({ ...choice, recorded: recordedEnvFiles(deployment), projectDir });
  return { files, values: readEnvFiles(files) };
}

/**
 * Every variable the version requires has a value in the env files or the caller's environment; else an
 * error naming the variables and the files looked in (before anything is started).
 */
export function assertRequiredEnv(
  version: ServerVersion,
  env: DeploymentEnv,
  shell: Readonly<Record<string, string | undefined>>,
): void {
  const missing = version.dependencies
    .filter((dependency) => dependency.kind === 'env' && dependency.required)
    .map((dependency) => dependency.name)
    .filter((name) => (env.values[name] ?? shell[name] ?? '') === '');
  if (missing.length === 0) return;
  const where =
    env.files.length === 0 ? 'no env file is recorded or found' : `not in ${env.files.join(', ')}`;
  throw new FactoryError(
    'USAGE',
    `${version.name} needs ${missing.join(', ')}: ${where}, nor in this environment`,
    {
      hint:
        env.files[0] === undefined
          ? `put them in an env file and pass --env-file FILE (its path is kept, never its values)`
          : `add them to ${env.files[0]}, or pass --env-file FILE`,
      details: { missing, envFiles: env.files },
    },
  );
}
