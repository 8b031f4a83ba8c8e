/**
 * `mcp-create --spec` must not pay for the prompt door: compromise's lexicon and the LLM SDKs load only
 * when `--prompt` is given (and the SDKs only for their own provider).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'mcpf-prompt-cost-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function modulesLoadedBy(name: string, argv: readonly string[]): Promise<string[]> {
  const trace = join(work, `${name}.trace`);
  const entry = `import('./src/cli/main.ts').then((cli) => cli.main(${JSON.stringify(argv)}))`;
  await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--import', './test/helpers/import-trace.mjs', '--input-type=module', '-e', entry],
    { cwd: ROOT, env: { ...process.env, IMPORT_TRACE_FILE: trace, MCP_FACTORY_HOME: join(work, 'home') } },
  );
  return readFileSync(trace, 'utf8').split('\n').filter(Boolean);
}

const COMPROMISE = /\/node_modules\/compromise\//;
const LLM_SDKS = /\/node_modules\/(@anthropic-ai\/sdk|openai)\//;

describe('prompt door start cost', () => {
  it('create --spec loads neither compromise nor an LLM SDK', async () => {
    const loaded = await modulesLoadedBy('spec', ['create', '--spec', 'examples/notes.yaml', '--dry-run']);
    expect(loaded.some((url) => url.includes('/src/services/create-server.ts'))).toBe(true);
    expect(loaded.filter((url) => COMPROMISE.test(url) || LLM_SDKS.test(url))).toEqual([]);
  });

  it('create --prompt with the offline provider loads compromise but no LLM SDK', async () => {
    const argv = [
      'create',
      '--prompt',
      'a server to search and update customers',
      '--provider',
      'offline',
      '--dry-run',
    ];
    const loaded = await modulesLoadedBy('prompt', argv);
    expect(loaded.some((url) => COMPROMISE.test(url))).toBe(true);
    expect(loaded.filter((url) => LLM_SDKS.test(url))).toEqual([]);
  });
});
