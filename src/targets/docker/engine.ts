/**
 * The Docker engine, reached through its HTTP API (dockerode) — never through whichever `docker` CLI is
 * first on PATH. The socket comes from DOCKER_HOST (unix://, tcp://) or /var/run/docker.sock. A missing
 * engine or a socket we may not open becomes a TARGET_UNAVAILABLE error that says what to install or start.
 */
import Docker from 'dockerode';
import { FactoryError } from '../../errors.js';

const DEFAULT_SOCKET = '/var/run/docker.sock';

export type Engine = Docker;

/** A client for the engine named by `dockerHost` (a DOCKER_HOST value); proven reachable by a ping. */
export async function connectEngine(dockerHost: string | undefined): Promise<Engine> {
  const engine = new Docker(engineAddress(dockerHost));
  try {
    await engine.ping();
  } catch (error) {
    throw unavailable(error, dockerHost);
  }
  return engine;
}

function engineAddress(dockerHost: string | undefined): Docker.DockerOptions {
  const value = dockerHost?.trim() ?? '';
  if (value === '') return { socketPath: DEFAULT_SOCKET };
  if (value.startsWith('unix://')) return { socketPath: value.slice('unix://'.length) };
  if (value.startsWith('/')) return { socketPath: value };
  const url = new URL(value.replace(/^tcp:/, 'http:'));
  return { host: url.hostname, port: Number(url.port || 2375), protocol: 'http' };
}

export function unavailable(error: unknown, dockerHost: string | undefined): FactoryError {
  const where = dockerHost?.trim() || `unix://${DEFAULT_SOCKET}`;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') {
    return new FactoryError('TARGET_UNAVAILABLE', `permission denied on the Docker engine socket ${where}`, {
      hint: 'add your user to the docker group (sudo usermod -aG docker $USER, then log in again) or run as root',
      cause: error,
    });
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new FactoryError('TARGET_UNAVAILABLE', `no Docker engine answers at ${where} (${reason})`, {
    hint: 'install docker.io and start dockerd (or point DOCKER_HOST at a running engine)',
    cause: error,
  });
}

/** The HTTP status of an engine API error (404 for "no such container"), if it is one. */
export function engineStatus(error: unknown): number | undefined {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The value, or undefined when the engine says the object does not exist (404). */
export async function unlessMissing<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if (engineStatus(error) === 404) return undefined;
    throw error;
  }
}

/** The engine's own words for a failed call (its JSON `message`), without dockerode's prefix. */
export function engineMessage(error: unknown): string {
  const json = (error as { json?: { message?: unknown } } | null)?.json;
  if (typeof json?.message === 'string') return json.message.trim();
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^\(HTTP code \d+\) [^-]*- /, '').trim();
}

/**
 * An engine failure in the middle of an operation, for the user: the engine's words as RUNTIME_FAILED
 * (a 404 as NOT_FOUND), a vanished socket as TARGET_UNAVAILABLE. Anything else is ours and stays a bug.
 */
export function engineFailure(error: unknown, dockerHost?: string): unknown {
  if (error instanceof FactoryError) return error;
  const status = engineStatus(error);
  if (status === 404) {
    return new FactoryError('NOT_FOUND', `the Docker engine has no such object: ${engineMessage(error)}`, {
      hint: 'it was removed outside the factory; start (or deploy) creates it again',
      cause: error,
    });
  }
  if (
    status !== undefined &&
    /address already in use|port is already allocated/i.test(engineMessage(error))
  ) {
    return new FactoryError(
      'CONFLICT',
      `the Docker engine cannot publish the port: ${engineMessage(error)}`,
      {
        hint: 'another program holds the port: deploy with another --port (or none, for a free one)',
        cause: error,
      },
    );
  }
  if (status !== undefined) {
    return new FactoryError('RUNTIME_FAILED', `the Docker engine refused: ${engineMessage(error)}`, {
      hint: "see the engine's own log (dockerd)",
      cause: error,
    });
  }
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ECONNREFUSED' || code === 'ENOENT' || code === 'EACCES' || code === 'ECONNRESET') {
    return unavailable(error, dockerHost);
  }
  return error;
}
