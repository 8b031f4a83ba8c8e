/** Checks on an Artifact before anything is started: bad input is a USAGE error that says what and where. */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { FactoryError } from '../../errors.js';
import type { Artifact, DeployOptions, ImageRecipe, TargetKind, TransportKind } from '../target.js';
import { assertDeploymentName } from './paths.js';

export function checkArtifact(artifact: Artifact): void {
  assertDeploymentName(artifact.name);
  if (
    !isAbsolute(artifact.projectDir) ||
    !existsSync(artifact.projectDir) ||
    !statSync(artifact.projectDir).isDirectory()
  ) {
    throw new FactoryError(
      'USAGE',
      `artifact.projectDir must be an existing absolute folder: "${artifact.projectDir}"`,
    );
  }
  if (artifact.command.length === 0 || artifact.command[0] === '') {
    throw new FactoryError('USAGE', `artifact.command of ${artifact.name} is empty`, {
      hint: "e.g. ['node', 'dist/server.mjs']",
    });
  }
  if (artifact.transports.length === 0) {
    throw new FactoryError('USAGE', `artifact.transports of ${artifact.name} is empty`, {
      hint: "'stdio' and/or 'http'",
    });
  }
}

export function pickTransport(artifact: Artifact, wanted: TransportKind | undefined): TransportKind {
  const transport = wanted ?? artifact.transports[0] ?? 'stdio';
  if (artifact.transports.includes(transport)) return transport;
  throw new FactoryError('USAGE', `${artifact.name} does not support the ${transport} transport`, {
    hint: `it supports: ${artifact.transports.join(', ')}`,
  });
}

/** Every required variable of the artifact has a value in `env` (values are checked, never stored). */
export function assertEnvGiven(artifact: Artifact, env: Readonly<Record<string, string | undefined>>): void {
  const missing = (artifact.env ?? [])
    .filter((variable) => variable.required && (env[variable.name] ?? '') === '')
    .map((variable) => variable.name);
  if (missing.length === 0) return;
  throw new FactoryError('USAGE', `${artifact.name} needs environment variables: ${missing.join(', ')}`, {
    hint: 'set them in the environment or pass them as deploy options (values are never stored)',
  });
}

/**
 * What the image-based targets (docker, microvm) can run: a checked artifact with an image recipe, served
 * over HTTP, its required variables given.
 */
export function checkImageArtifact(
  kind: TargetKind,
  artifact: Artifact,
  options: DeployOptions,
): Artifact & { readonly image: ImageRecipe } {
  checkArtifact(artifact);
  const { image } = artifact;
  if (image === undefined) {
    throw new FactoryError(
      'USAGE',
      `${artifact.name} has no image context, so the ${kind} target cannot run it`,
      {
        hint: 'deploy a server made by mcp-create (its artifact carries dist/server.mjs and a Dockerfile)',
      },
    );
  }
  if (!artifact.transports.includes('http') || (options.transport ?? 'http') !== 'http') {
    throw new FactoryError('USAGE', `the ${kind} target serves ${artifact.name} over HTTP only`, {
      hint: 'deploy with --transport http, or use the local target for stdio',
    });
  }
  assertEnvGiven(artifact, { ...process.env, ...options.env });
  return { ...artifact, image };
}
