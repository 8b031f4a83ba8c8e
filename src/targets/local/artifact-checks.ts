/** Checks on an Artifact before anything is started: bad input is a USAGE error that says what and where. */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { FactoryError } from '../../errors.js';
import type { Artifact, TransportKind } from '../target.js';
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

export function missingEnv(artifact: Artifact, env: Readonly<Record<string, string | undefined>>): string[] {
  return (artifact.env ?? [])
    .filter((variable) => variable.required && (env[variable.name] ?? '') === '')
    .map((variable) => variable.name);
}
