/**
 * Commands that never reach a deployment target must not load one: the docker target pulls in dockerode
 * (with gRPC and protobuf) and the local target the MCP client, ≈0.5 s of CPU at every start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modulesLoadedBy } from '../helpers/modules-loaded.js';

const work = mkdtempSync(join(tmpdir(), 'mcpf-start-cost-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const TARGET_MODULES =
  /\/src\/targets\/(docker\/(?!names\.ts)|microvm\/|local\/)|\/node_modules\/(dockerode|@modelcontextprotocol\/client)\//;

describe('CLI start cost', () => {
  it.each([[['--help']], [['validate', 'examples/notes.yaml']]])(
    '%j loads no deployment target',
    async (argv) => {
      const loaded = await modulesLoadedBy(argv, work);
      expect(loaded.some((url) => url.includes('/src/cli/main.ts'))).toBe(true);
      expect(loaded.filter((url) => TARGET_MODULES.test(url))).toEqual([]);
    },
  );
});
