/**
 * Drives the official MCP Inspector CLI (`@modelcontextprotocol/inspector --cli`) against a server, the way a
 * user checking a server by hand would. Installed on demand into the verification cache (see
 * cache-install.ts for why it is not a devDependency).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureCachedPackages } from './cache-install.js';
import type { Launch } from './server-under-test.js';

export const INSPECTOR_PACKAGE = '@modelcontextprotocol/inspector@2.12.0';
const LAUNCHER = 'node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js';

export interface InspectorResult {
  readonly exitCode: number;
  /** stdout parsed as JSON (the CLI runs with --format json), or undefined when it is not JSON. */
  readonly json: unknown;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where the inspector connects: a process it spawns over stdio, or a Streamable HTTP URL. */
export type InspectorTarget =
  | { readonly stdio: Launch }
  | { readonly url: string; readonly headers?: Readonly<Record<string, string>> };

export async function ensureInspector(): Promise<string> {
  const dir = await ensureCachedPackages('inspector', [INSPECTOR_PACKAGE]);
  return join(dir, LAUNCHER);
}

/** Runs one inspector CLI method (`--method tools/list`, …) and returns what it printed and its exit code. */
export async function runInspector(
  target: InspectorTarget,
  methodArgs: readonly string[],
): Promise<InspectorResult> {
  const launcher = await ensureInspector();
  // Keep the inspector's catalog and client config out of the home folder.
  const home = await mkdtemp(join(tmpdir(), 'mcp-inspector-'));
  const env = {
    ...process.env,
    MCP_CATALOG_PATH: join(home, 'catalog.json'),
    MCP_CLIENT_CONFIG_PATH: join(home, 'clients.json'),
  };
  const args = [launcher, '--cli', '--format', 'json', '-q', ...targetArgs(target), ...methodArgs];
  try {
    return await execInspector(args, env);
  } finally {
    await rm(home, { recursive: true, force: true });
  }
}

function execInspector(args: string[], env: NodeJS.ProcessEnv): Promise<InspectorResult> {
  return new Promise((resolve) => {
    const options = { env, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 };
    execFile(process.execPath, args, options, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ exitCode, json: parseJson(stdout), stdout, stderr });
    });
  });
}

function targetArgs(target: InspectorTarget): string[] {
  if ('url' in target) {
    const headers = Object.entries(target.headers ?? {}).map(([name, value]) => `${name}: ${value}`);
    return [
      '--transport',
      'http',
      '--server-url',
      target.url,
      ...(headers.length > 0 ? ['--header', ...headers] : []),
    ];
  }
  const { command, args, env, cwd } = target.stdio;
  const envFlags = Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
  return ['--cwd', cwd, ...envFlags, command, ...args];
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `--tool-arg` pairs for a call; values that are not strings are passed as JSON, which the CLI parses. */
export function toolArgFlags(args: Readonly<Record<string, unknown>>): string[] {
  const pairs = Object.entries(args).map(
    ([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`,
  );
  return pairs.length > 0 ? ['--tool-arg', ...pairs] : [];
}
