/**
 * The Artifact a target runs for one recorded server version: the generated project, bundled into one file
 * so it starts in well under a second without an npm install. If the project folder has moved on to another
 * version (or is gone), the version is regenerated from the spec the registry kept, into the data directory.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FactoryError } from '../errors.js';
import { containerPort } from '../generator/emit/docker.js';
import {
  type BundleResult,
  bundle,
  check,
  loadTemplates,
  plan,
  prebuiltDockerfile,
  stageImageContext,
  write,
} from '../generator/index.js';
import type { ServerVersion } from '../registry/index.js';
import { parseSpec } from '../spec/index.js';
import type { ServerSpec } from '../spec/types.js';
import type { Artifact, ArtifactEnvVar, HealthAuth, ImageRecipe, TransportKind } from '../targets/index.js';

export interface PreparedArtifact {
  readonly artifact: Artifact;
  /** Set when the recorded project folder did not hold this version and it was regenerated elsewhere. */
  readonly regeneratedFrom?: string | undefined;
}

export interface PrepareOptions {
  /** Also stage the self-contained image context (docker and microvm targets need it; local does not). */
  readonly image?: boolean;
}

export async function prepareArtifact(
  version: ServerVersion,
  home: string,
  options: PrepareOptions = {},
): Promise<PreparedArtifact> {
  if (version.kind === 'external' || version.artifactDir === null) {
    throw new FactoryError(
      'USAGE',
      `${version.name} ${version.version} is an external server: it runs elsewhere`,
      {
        hint: version.remoteUrl
          ? `it is reached at ${version.remoteUrl}`
          : 'deploy servers created with mcp-create',
      },
    );
  }
  const spec = storedSpec(version);
  const generation = plan(spec, loadTemplates());
  let dir = version.artifactDir;
  let regeneratedFrom: string | undefined;
  if (!existsSync(dir) || (await check(generation, dir)).stale) {
    regeneratedFrom = dir;
    dir = join(home, 'artifacts', version.name, version.version);
    await write(generation, dir);
  }
  const bundled = await bundle(dir);
  const image = options.image ? await stageImage(spec, version, home, bundled) : undefined;
  return {
    artifact: {
      name: version.name,
      version: version.version,
      projectDir: dir,
      command: [process.execPath, bundled.file],
      transports: transportsOf(spec),
      ...(spec.http.port === 0 ? {} : { preferredPort: spec.http.port }),
      env: envOf(version),
      httpAuth: httpAuthOf(spec),
      ...(image === undefined ? {} : { image }),
    },
    regeneratedFrom,
  };
}

/** `<home>/images/<name>/<version>/`: the bundle, real copies of its native packages, the Dockerfile. */
async function stageImage(
  spec: ServerSpec,
  version: ServerVersion,
  home: string,
  bundled: BundleResult,
): Promise<ImageRecipe> {
  const context = await stageImageContext({
    bundleFile: bundled.file,
    nativePackages: bundled.linked,
    dockerfile: prebuiltDockerfile(spec),
    outDir: join(home, 'images', version.name, version.version),
  });
  return { ...context, port: containerPort(spec) };
}

/** The normalized spec kept by the registry, parsed again so its type is proven rather than assumed. */
function storedSpec(version: ServerVersion): ServerSpec {
  const parsed = parseSpec(JSON.stringify(version.spec), {
    file: `registry:${version.name}@${version.version}`,
  });
  if (parsed.spec === undefined) {
    const first = parsed.errors[0];
    throw new FactoryError(
      'REGISTRY_FAILED',
      `the spec stored for ${version.name} ${version.version} no longer parses`,
      {
        hint: first ? `${first.path}: ${first.message}; create the version again with mcp-create` : undefined,
      },
    );
  }
  return parsed.spec;
}

function transportsOf(spec: ServerSpec): TransportKind[] {
  return spec.transport === 'http' ? ['http', 'stdio'] : ['stdio', 'http'];
}

/** How the target's health checks authenticate (the credential is read from the env var at check time). */
function httpAuthOf(spec: ServerSpec): HealthAuth | undefined {
  const { auth } = spec;
  if (auth.type === 'api_key') return { type: 'api_key', header: auth.header, envVar: auth.envVar };
  if (auth.type === 'bearer') return { type: 'bearer', envVar: auth.envVar };
  return undefined;
}

function envOf(version: ServerVersion): ArtifactEnvVar[] {
  return version.dependencies
    .filter((dependency) => dependency.kind === 'env')
    .map((dependency) => ({
      name: dependency.name,
      required: dependency.required,
      secret: dependency.secret,
      description: dependency.detail,
    }));
}
