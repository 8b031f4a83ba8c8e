/**
 * Fuzzing the generator with hostile specs (lib/hostile-spec.ts: quotes, backticks, `${}`, `*\/`, newlines,
 * U+2028/U+2029, NUL, bidi controls, reserved words as tool and parameter names). For each seed the spec
 * must be valid, generate, type-check (one batched tsc run for all seeds), pass the generated project's own
 * test suite (`tsc && node --test dist/test/`, with the emit done by a transpiler after the batched check),
 * and serve every description and title byte for byte as the spec wrote it.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerSpec } from '../../src/spec/types.js';
import {
  generatedServer,
  generateInto,
  parseValidSpec,
  removeDir,
  tempDir,
  transpileProject,
} from './lib/generated-server.js';
import { hostileSpec, PROTOTYPE_MEMBER_PARAMETERS } from './lib/hostile-spec.js';
import { connectStdio } from './lib/mcp-clients.js';
import { typecheckTogether } from './lib/typecheck.js';

const run = promisify(execFile);
/** Three rich seeds in CI; `MCP_HOSTILE_SEEDS=4,5,6` explores others (a failure reproduces from its seed). */
const SEEDS = (process.env.MCP_HOSTILE_SEEDS ?? '1,2,3').split(',').map(Number);

interface Project {
  readonly seed: number;
  readonly spec: ServerSpec;
  readonly dir: string;
}

let parent: string;
const projects: Project[] = [];

beforeAll(async () => {
  parent = await tempDir('hostile');
  for (const seed of SEEDS) {
    const spec = parseValidSpec(JSON.stringify(hostileSpec(seed)), `hostile seed ${seed}`);
    const dir = await generateInto(spec, parent);
    await transpileProject(dir);
    projects.push({ seed, spec, dir });
  }
}, 60_000);

afterAll(async () => {
  if (parent) await removeDir(parent);
});

describe('hostile specs', () => {
  it('type-check (all seeds in one tsc run)', async () => {
    const diagnostics = await typecheckTogether(
      parent,
      projects.map((p) => p.dir),
    );
    expect(diagnostics).toBe('');
  }, 240_000);

  it.each(SEEDS)(
    'seed %i: the generated project passes its own test suite',
    async (seed) => {
      const project = projects.find((p) => p.seed === seed)!;
      const result = await run(process.execPath, ['--test', 'dist/test/'], {
        cwd: project.dir,
        maxBuffer: 16 * 1024 * 1024,
      }).then(
        (ok) => ({ code: 0, output: ok.stdout + ok.stderr }),
        (error: { code?: number; stdout?: string; stderr?: string }) => ({
          code: error.code ?? 1,
          output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
        }),
      );
      expect(result.code, result.output.slice(-6000)).toBe(0);
      expect(result.output).toMatch(/# pass [1-9]/);
    },
    180_000,
  );

  it.each(SEEDS)('seed %i: the written spec and JSON files read back to the same values', async (seed) => {
    const { spec, dir } = projects.find((p) => p.seed === seed)!;
    const written = await readFile(join(dir, 'mcp.spec.yaml'), 'utf8');
    expect(parseValidSpec(written, 'mcp.spec.yaml')).toEqual(spec);
    const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as { name: string };
    expect(manifest.name).toBe(spec.name);
    const registry = JSON.parse(await readFile(join(dir, 'server.json'), 'utf8')) as { version: string };
    expect(registry.version).toBe(spec.version);
  });

  it.each(SEEDS)(
    'seed %i: tools/list returns every description and title exactly',
    async (seed) => {
      const { spec, dir } = projects.find((p) => p.seed === seed)!;
      const server = generatedServer({
        id: `hostile-${seed}`,
        label: spec.name,
        spec,
        dir,
        sampleCall: { tool: '', arguments: {}, expected: {} },
      });
      const client = await connectStdio('v2-legacy', server.stdio());
      try {
        const listed = await client.listTools();
        for (const tool of spec.tools) {
          const served = listed.find((t) => t.name === tool.name);
          expect(served, tool.name).toBeDefined();
          expect(served?.description).toBe(tool.description);
          if (tool.title !== undefined) expect(served?.title).toBe(tool.title);
          const properties = served?.inputSchema.properties ?? {};
          expect(Object.keys(properties).sort()).toEqual(Object.keys(tool.parameters).sort());
          for (const [name, parameter] of Object.entries(tool.parameters)) {
            expect((properties[name] as { description?: string }).description, `${tool.name}.${name}`).toBe(
              parameter.description,
            );
          }
        }
      } finally {
        await client.close();
      }
    },
    60_000,
  );
});

/**
 * KNOWN BUGS, tracked here so they cannot be forgotten. Names the name rules accept but that are also
 * Object.prototype members break servers built on the SDK, hand-written or generated alike:
 *
 * - a parameter named `toString` / `valueOf` / `hasOwnProperty` / `__defineGetter__` breaks every call
 *   that omits it: zod reads `args.valueOf`, finds the inherited function and rejects the call with
 *   "expected string, received function";
 * - a tool named `toString` stops the server from answering anything: McpServer keeps its tools in a
 *   plain object, sees the inherited `toString` and throws "Tool toString is already registered".
 *
 * The fix belongs in the spec's name rules (reject these names, as `constructor` / `__proto__` already
 * are). `it.fails` makes each test go red the day it is fixed: then drop `.fails` and put the names back
 * into the fuzz pools of lib/hostile-spec.ts.
 */
describe('names that are Object.prototype members', () => {
  let parentDir: string;
  beforeAll(async () => {
    parentDir = await tempDir('prototype');
  });
  afterAll(async () => {
    if (parentDir) await removeDir(parentDir);
  });

  /** Generates a one-tool SQLite server and calls that tool with `{ text: 'hello' }` over stdio. */
  async function callEcho(name: string, tool: string, extraParameters: Record<string, unknown>) {
    const spec = parseValidSpec(
      JSON.stringify({
        name,
        version: '1.0.0',
        connections: [{ name: 'memory', type: 'sqlite', envVar: 'PROTO_DB', defaultPath: ':memory:' }],
        tools: [
          {
            name: tool,
            connection: 'memory',
            parameters: { text: { type: 'string', required: true }, ...extraParameters },
            implementation: { type: 'sql', statement: 'SELECT :text AS text', result: 'first' },
          },
        ],
      }),
    );
    const dir = await generateInto(spec, parentDir);
    await transpileProject(dir);
    const sample = { tool, arguments: {}, expected: {} };
    const server = generatedServer({ id: name, label: name, spec, dir, sampleCall: sample });
    const client = await connectStdio('v2-legacy', server.stdio());
    try {
      const result = await client.callTool(tool, { text: 'hello' });
      expect(result.isError, result.text).toBe(false);
      expect(result.structuredContent).toMatchObject({ text: 'hello' });
    } finally {
      await client.close();
    }
  }

  it.fails('parameters: a call that omits them is accepted (known bug, see above)', async () => {
    const parameters = Object.fromEntries(
      PROTOTYPE_MEMBER_PARAMETERS.map((name) => [name, { type: 'string' }]),
    );
    await callEcho('prototype-params', 'echo', parameters);
  }, 60_000);

  it.fails('tools: a tool named toString is served (known bug, see above)', async () => {
    await callEcho('prototype-tool', 'toString', {});
  }, 60_000);

  it('the same server with an ordinary tool name works (so the failures above are the names)', async () => {
    await callEcho('prototype-control', 'to_string', {});
  }, 60_000);
});
