/**
 * Every name and label the Docker target gives to engine objects, in one place: the container and service
 * `mcp-factory-<name>`, the volume `mcp-factory-<name>-data`, the image `mcp-factory/<name>:<version>`.
 * Deployment names are already `[a-z0-9][a-z0-9._-]*`, which Docker accepts in all of these.
 */

export const LABEL = {
  managed: 'mcp-factory.managed',
  name: 'mcp-factory.name',
  version: 'mcp-factory.version',
  port: 'mcp-factory.port',
  transport: 'mcp-factory.transport',
} as const;

/** The cached base image built from this host's Node runtime (shared by every server). */
export const LOCAL_BASE_REPO = 'mcp-factory/node-base';

/**
 * The official slim image of the Node major this factory runs on: native packages in the image (such as
 * better-sqlite3) are copies of the factory's own, built for its Node ABI, so another major could not load them.
 */
export const DEFAULT_BASE_IMAGE = `node:${process.versions.node.split('.')[0]}-slim`;

export function containerName(name: string): string {
  return `mcp-factory-${name}`;
}

export function volumeName(name: string): string {
  return `mcp-factory-${name}-data`;
}

export function imageRepo(name: string): string {
  return `mcp-factory/${name}`;
}

export function imageRef(name: string, version: string): string {
  return `${imageRepo(name)}:${imageTag(version)}`;
}

/** A Docker tag allows letters, digits, "_", "." and "-" (a semver "+build" part does not fit). */
export function imageTag(version: string): string {
  const tag = version
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, 128);
  return tag.length > 0 ? tag : 'latest';
}

export function localBaseRef(nodeVersion: string = process.version): string {
  return `${LOCAL_BASE_REPO}:${imageTag(nodeVersion)}`;
}

export function ownLabels(name: string, version: string): Record<string, string> {
  return { [LABEL.managed]: 'true', [LABEL.name]: name, [LABEL.version]: version };
}
