/** Dockerfile (multi-stage, non-root, HTTP transport, health check) and compose.yaml. */
import type { ServerSpec } from '../../spec/types.js';
import { imageRef } from '../../targets/docker/names.js';
import type { EnvVar } from '../env-vars.js';
import { stableYaml } from './serialize.js';

/** The port a container listens on: the spec's, unless it asked for an ephemeral one. */
export function containerPort(spec: ServerSpec): number {
  return spec.http.port === 0 ? 3000 : spec.http.port;
}

/** A Dockerfile build-argument reference (not a JS template placeholder). */
const BASE_IMAGE_REF = '$' + '{BASE_IMAGE}';

export function dockerfile(spec: ServerSpec, needsNativeBuild: boolean): string {
  const toolchain = needsNativeBuild
    ? [
        '# better-sqlite3 compiles from source when no prebuilt binary matches the base image.',
        'RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \\',
        '  && rm -rf /var/lib/apt/lists/*',
      ]
    : [];
  return [
    BASE_IMAGE_ARG,
    '',
    `FROM ${BASE_IMAGE_REF} AS build`,
    'WORKDIR /app',
    ...toolchain,
    'COPY package*.json ./',
    'RUN npm install --no-audit --no-fund',
    'COPY tsconfig.json mcp.spec.yaml ./',
    'COPY src ./src',
    'RUN npx tsc -p tsconfig.json && npm prune --omit=dev && mkdir -p /data',
    '',
    ...runtimeStage(spec, {
      copy: [
        'COPY --from=build --chown=node:node /app/node_modules ./node_modules',
        'COPY --from=build --chown=node:node /app/dist ./dist',
        'COPY --chown=node:node package.json mcp.spec.yaml ./',
        'COPY --from=build --chown=node:node /data /data',
      ],
      entry: '/app/dist/src/index.js',
    }),
  ].join('\n');
}

/**
 * The same runtime stage for a build context that already holds the bundle (`dist/server.mjs` plus real
 * copies of native packages) and an empty `data/`: what the factory's Docker target builds, in about a
 * second, offline, and without a shell in the base image.
 */
export function prebuiltDockerfile(spec: ServerSpec): string {
  return [
    BASE_IMAGE_ARG,
    '',
    ...runtimeStage(spec, {
      copy: ['COPY --chown=node:node dist ./dist', 'COPY --chown=node:node data /data'],
      entry: '/app/dist/server.mjs',
    }),
  ].join('\n');
}

const BASE_IMAGE_ARG = 'ARG BASE_IMAGE=node:22-slim';

/**
 * The final stage both Dockerfiles share: HTTP on all interfaces, non-root, health check on /healthz, and
 * the working directory /data (owned by the server's user), where relative paths such as a SQLite file
 * land: mount a volume there to keep them, and the root file system can be read-only.
 */
function runtimeStage(spec: ServerSpec, app: { copy: readonly string[]; entry: string }): string[] {
  const port = containerPort(spec);
  return [
    `FROM ${BASE_IMAGE_REF}`,
    'ENV NODE_ENV=production \\',
    '    MCP_TRANSPORT=http \\',
    '    MCP_HOST=0.0.0.0 \\',
    `    MCP_PORT=${port}`,
    'WORKDIR /app',
    ...app.copy,
    '# The official node images ship an unprivileged "node" user.',
    'USER node',
    'WORKDIR /data',
    `EXPOSE ${port}`,
    'HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \\',
    `  CMD ["node", "-e", "fetch('http://127.0.0.1:${port}/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]`,
    `CMD ["node", "${app.entry}"]`,
    '',
  ];
}

/**
 * compose.yaml: every variable is an interpolation (`${NAME}`), so Compose takes its value from the shell
 * or the project's .env file and no value (secret or not) is ever written here. A required variable that
 * is unset stops `docker compose up` with a message naming it.
 */
export function composeYaml(spec: ServerSpec, variables: readonly EnvVar[]): string {
  const port = containerPort(spec);
  const environment: Record<string, string> = {
    MCP_TRANSPORT: 'http',
    MCP_HOST: '0.0.0.0',
    MCP_PORT: String(port),
  };
  for (const v of variables) {
    if (v.name in environment) continue;
    environment[v.name] = v.required
      ? interpolate(v.name, `:?set ${v.name} (see .env.example)`)
      : interpolate(v.name, ':-');
  }
  return stableYaml({
    services: {
      [spec.name]: {
        build: { context: '.' },
        // The name `mcp-deploy --target docker` gives the image, so both runs share it.
        image: imageRef(spec.name, spec.version),
        ports: [`127.0.0.1:${port}:${port}`],
        environment,
        // The same confinement as `mcp-deploy --target docker`.
        read_only: true,
        tmpfs: ['/tmp'],
        volumes: ['data:/data'],
        cap_drop: ['ALL'],
        security_opt: ['no-new-privileges:true'],
        mem_limit: '256m',
        pids_limit: 256,
        restart: 'on-failure:5',
      },
    },
    volumes: { data: {} },
  });
}

/** A Compose interpolation such as `${NAME:-}` (written without a JS template placeholder). */
function interpolate(name: string, modifier: string): string {
  return ['$', '{', name, modifier, '}'].join('');
}
