/**
 * Starts a server under test on Streamable HTTP at a free port and waits until it answers.
 */
import { freePort } from './free-port.js';
import type { ServerUnderTest } from './server-under-test.js';
import { type SpawnedProcess, spawnLaunch } from './spawned-process.js';

export interface RunningHttpServer {
  /** The MCP endpoint, e.g. http://127.0.0.1:41234/mcp */
  readonly url: string;
  readonly port: number;
  readonly process: SpawnedProcess;
  stop(): Promise<void>;
}

export interface StartOptions {
  readonly env?: Record<string, string>;
  readonly timeoutMs?: number;
}

export async function startHttpServer(
  server: ServerUnderTest,
  options: StartOptions = {},
): Promise<RunningHttpServer> {
  const port = await freePort();
  const proc = spawnLaunch(server.http(port), options.env);
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(base, server, proc, options.timeoutMs ?? 20_000);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return { url: `${base}${server.mcpPath}`, port, process: proc, stop: () => proc.stop() };
}

/**
 * Polls the health path (200 required) or, for servers without one, the MCP path (any HTTP answer means the
 * listener is up; stateless MCP endpoints need no further warm-up). Fails fast when the process exits.
 */
async function waitUntilReady(
  base: string,
  server: ServerUnderTest,
  proc: SpawnedProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const probe = `${base}${server.healthPath ?? server.mcpPath}`;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) {
      throw new Error(
        `${server.label} exited with code ${proc.child.exitCode} before listening:\n${proc.output()}`,
      );
    }
    const status = await fetch(probe, { signal: AbortSignal.timeout(1000) }).then(
      (response) => response.status,
      () => 0,
    );
    if (server.healthPath ? status === 200 : status > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`${server.label} did not answer ${probe} within ${timeoutMs} ms:\n${proc.output()}`);
}
