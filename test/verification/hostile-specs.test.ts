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
import { parseSpec } from '../../src/spec/index.js';
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
 * Names that are Object.prototype members break servers built on the SDK, hand-written or generated alike
 * (found by this fuzz): a parameter named `valueOf` makes zod see the inherited function on every call that
 * omits it ("expected string, received function"), and a tool named `toString` collides with McpServer's
 * plain-object tool table. The spec rules refuse them (FORBIDDEN_KEYS in src/spec/names.ts), with a line.
 */
describe('names that are Object.prototype members', () => {
  let parentDir: string;
  beforeAll(async () => {
    parentDir = await tempDir('prototype');
  });
  afterAll(async () => {
    if (parentDir) await removeDir(parentDir);
  });

  function echoSpec(name: string, tool: string, extraParameters: Record<string, unknown>) {
    return JSON.stringify({
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
    });
  }

  /** Generates the one-tool SQLite server and calls that tool with `{ text: 'hello' }` over stdio. */
  async function callEcho(name: string, tool: string, extraParameters: Record<string, unknown>) {
    const spec = parseValidSpec(echoSpec(name, tool, extraParameters));
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

  it.each(PROTOTYPE_MEMBER_PARAMETERS)(
    'a parameter named %s is refused by the spec, with its line',
    (name) => {
      const result = parseSpec(echoSpec('prototype-params', 'echo', { [name]: { type: 'string' } }));
      expect(result.spec).toBeUndefined();
      expect(result.errors).toEqual([
        expect.objectContaining({ rule: 'forbidden-key', path: `tools[0].parameters.${name}`, line: 1 }),
      ]);
    },
  );

  it('a tool named toString is refused by the spec', () => {
    const result = parseSpec(echoSpec('prototype-tool', 'toString', {}));
    expect(result.errors).toEqual([
      expect.objectContaining({ rule: 'reserved-name', path: 'tools[0].name' }),
    ]);
  });

  it('the same server with an ordinary tool name works (so the failures above are the names)', async () => {
    await callEcho('prototype-control', 'to_string', {});
  }, 60_000);
});
