/** Checks on an artifact and deploy options before the engine is touched: bad input is a USAGE error. */
import { FactoryError } from '../../errors.js';
import { checkImageArtifact } from '../local/artifact-checks.js';
import type { Artifact, DeployOptions, ImageRecipe } from '../target.js';

export type ImageArtifact = Artifact & { readonly image: ImageRecipe };

const ENTRY_PATTERN = /^(?!.*\.\.)[A-Za-z0-9_./-]+$/;
/** An image reference: [registry[:port]/]path[:tag][@digest], as the engine parses it. */
const IMAGE_PATTERN = /^[a-z0-9][A-Za-z0-9._\-/:]*(@sha256:[a-f0-9]{64})?$/;

export function checkDockerArtifact(input: Artifact, options: DeployOptions): ImageArtifact {
  const artifact = checkImageArtifact('docker', input, options);
  const { image } = artifact;
  if (!ENTRY_PATTERN.test(image.entry) || image.entry.startsWith('/')) {
    throw new FactoryError('USAGE', `image entry "${image.entry}" must be a plain relative path`);
  }
  checkNumbers(options);
  const base = options.baseImage?.trim();
  if (base !== undefined && base !== '' && (!IMAGE_PATTERN.test(base) || base.length > 255)) {
    throw new FactoryError('USAGE', `"${options.baseImage}" is not an image reference`, {
      hint: 'e.g. node:22-slim, registry.example.com/node:22-slim or mcp-factory/node-base',
    });
  }
  return artifact;
}

function checkNumbers(options: DeployOptions): void {
  const { replicas, limits } = options;
  positiveInteger('replicas', replicas);
  positiveInteger('memory (MB)', limits?.memoryMb, 6);
  positiveInteger('pids', limits?.pids);
  if (limits?.cpus !== undefined && !(limits.cpus > 0 && limits.cpus <= 1024)) {
    throw new FactoryError('USAGE', `cpus must be a positive number, got ${limits.cpus}`);
  }
  if (options.port !== undefined) positiveInteger('port', options.port, 1, 65_535);
  positiveInteger('health check interval (ms)', options.healthIntervalMs, 1, 86_400_000);
}

function positiveInteger(what: string, value: number | undefined, min = 1, max = 1_000_000): void {
  if (value === undefined || (Number.isInteger(value) && value >= min && value <= max)) return;
  throw new FactoryError('USAGE', `${what} must be an integer from ${min} to ${max}, got ${value}`);
}
