/**
 * The official MCP Inspector CLI lists and calls each server's tools over stdio and Streamable HTTP, and
 * reports an unknown tool as a failure (exit code 5). `--strict` also checks every tool schema for
 * portability problems across clients (exit code 6 on an error-severity problem).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenSpecs, specFile } from '../generator/helpers.js';
import {
  generatedServer,
  generateInto,
  removeDir,
  tempDir,
  transpileProject,
} from './lib/generated-server.js';
import { type RunningHttpServer, startHttpServer } from './lib/http-server.js';
import { ensureInspector, type InspectorTarget, runInspector, toolArgFlags } from './lib/inspector.js';
import { repoRoot } from './lib/repo-root.js';
import type { ServerUnderTest } from './lib/server-under-test.js';
import { verificationSubjects } from './lib/subjects.js';

const { servers: subjects, dispose } = await verificationSubjects();
afterAll(dispose);

interface ToolsListOutput {
  result?: { tools?: { name: string }[] };
}
interface ToolsCallOutput {
  result?: { isError?: boolean; structuredContent?: unknown };
}

async function expectListsAndCalls(server: ServerUnderTest, target: InspectorTarget): Promise<void> {
  const listed = await runInspector(target, ['--strict', '--method', 'tools/list']);
  expect(listed.exitCode, listed.stderr).toBe(0);
  const names = ((listed.json as ToolsListOutput).result?.tools ?? []).map((tool) => tool.name);
  expect(names).toEqual(expect.arrayContaining([...server.tools]));

  const { tool, arguments: args, expected } = server.sampleCall;
  const called = await runInspector(target, [
    '--method',
    'tools/call',
    '--tool-name',
    tool,
    ...toolArgFlags(args),
  ]);
  expect(called.exitCode, called.stderr).toBe(0);
  const result = (called.json as ToolsCallOutput).result;
  expect(result?.isError ?? false).toBe(false);
  expect(result?.structuredContent).toMatchObject(expected);
}

beforeAll(async () => {
  await ensureInspector(); // first run installs it (~15 s); later runs find it in the cache
}, 180_000);

describe.each(subjects)('MCP Inspector CLI against $label', (server) => {
  it('lists and calls tools over stdio', async () => {
    await expectListsAndCalls(server, { stdio: server.stdio() });
  });

  it('exits 5 for a tool the server does not have', async () => {
    const result = await runInspector({ stdio: server.stdio() }, [
      '--method',
      'tools/call',
      '--tool-name',
      'no_such_tool',
    ]);
    expect(result.exitCode).toBe(5);
    expect(result.stderr).toContain('no_such_tool');
  });

  describe('over Streamable HTTP', () => {
    let running: RunningHttpServer;
    beforeAll(async () => {
      running = await startHttpServer(server);
    });
    afterAll(async () => {
      await running?.stop();
    });

    it('lists and calls tools', async () => {
      await expectListsAndCalls(server, { url: running.url });
    });
  });
});

describe('MCP Inspector --strict over every example and golden server', () => {
  let parent: string;
  beforeAll(async () => {
    parent = await tempDir('strict');
  });
  afterAll(async () => {
    await removeDir(parent);
  });

  // A warning (exit code 0) is as much a portability problem as an error: strict clients print it to users.
  const untyped = {
    name: 'untyped-output',
    path: join(repoRoot(), 'test/verification/specs/untyped-output.yaml'),
  };
  it.each([...goldenSpecs(), untyped])('$name: tool schemas raise no warning', async ({ name, path }) => {
    const spec = specFile(path);
    const dir = await generateInto(spec, join(parent, name));
    await transpileProject(dir);
    const sampleCall = { tool: '', arguments: {}, expected: {} };
    const server = generatedServer({ id: name, label: name, spec, dir, sampleCall });
    const listed = await runInspector({ stdio: server.stdio() }, ['--strict', '--method', 'tools/list']);
    expect(listed.exitCode, listed.stderr).toBe(0);
    expect(listed.stderr).not.toMatch(/warning|error/i);
  });
});
