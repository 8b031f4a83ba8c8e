/**
 * Generates a server with the factory's own generator, with `node_modules` symlinked to the factory's so
 * no install is needed, emits its dist/ and describes it as a ServerUnderTest.
 */
import { mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { generateProject } from '../../../src/generator/index.js';
import { formatDiagnostics, parseSpec } from '../../../src/spec/index.js';
import type { ServerSpec } from '../../../src/spec/types.js';
import { repoRoot } from './repo-root.js';
import type { Launch, SampleCall, ServerUnderTest } from './server-under-test.js';

/** Parses spec text (YAML or JSON) and fails with every diagnostic when it is not valid. */
export function parseValidSpec(text: string, file = 'spec'): ServerSpec {
  const result = parseSpec(text, { file });
  if (!result.spec) throw new Error(`spec is invalid:\n${formatDiagnostics(result, file)}`);
  return result.spec;
}

/** A fresh temp folder; the caller removes it with `removeDir`. */
export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `mcp-verify-${prefix}-`));
}

export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** Generates `spec` into `<parent>/<spec name>` and links the factory's node_modules into it. */
export async function generateInto(spec: ServerSpec, parent: string): Promise<string> {
  const dir = join(parent, spec.name);
  await generateProject(spec, dir);
  await symlink(join(repoRoot(), 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/**
 * Emits dist/ exactly as `tsc` would (one .js per .ts under src/ and test/, same layout) but without
 * type-checking, in well under a second: tests that only need to run a server use this and leave
 * type-checking to the tests that check types (tsc takes 5–20 s per project on this machine).
 */
export async function transpileProject(dir: string): Promise<void> {
  const sources = async (folder: string) =>
    (await readdir(join(dir, folder), { recursive: true }).catch(() => [] as string[]))
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
      .map((file) => join(dir, folder, file));
  await build({
    entryPoints: [...(await sources('src')), ...(await sources('test'))],
    outdir: join(dir, 'dist'),
    outbase: dir,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    bundle: false,
    logLevel: 'silent',
  });
}

export interface GeneratedServerOptions {
  readonly id: string;
  readonly label: string;
  readonly spec: ServerSpec;
  readonly dir: string;
  /** The compiled entry, relative to `dir`. */
  readonly entry?: string;
  /** Environment the server needs (connection URLs, …). */
  readonly env?: Readonly<Record<string, string>>;
  readonly sampleCall: SampleCall;
}

/** Generated servers pick their transport from MCP_TRANSPORT / MCP_HOST / MCP_PORT (see their .env.example). */
export function generatedServer(options: GeneratedServerOptions): ServerUnderTest {
  const entry = join(options.dir, options.entry ?? 'dist/src/index.js');
  const launch = (env: Record<string, string>): Launch => ({
    command: process.execPath,
    args: [entry],
    env: { ...options.env, ...env },
    cwd: options.dir,
  });
  return {
    id: options.id,
    label: options.label,
    stdio: () => launch({ MCP_TRANSPORT: 'stdio' }),
    http: (port) => launch({ MCP_TRANSPORT: 'http', MCP_HOST: '127.0.0.1', MCP_PORT: String(port) }),
    mcpPath: '/mcp',
    healthPath: '/healthz',
    tools: options.spec.tools.map((tool) => tool.name),
    sampleCall: options.sampleCall,
  };
}
