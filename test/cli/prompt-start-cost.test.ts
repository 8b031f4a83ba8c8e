/**
 * `mcp-create --spec` must not pay for the prompt door: compromise's lexicon and the LLM SDKs load only
 * when `--prompt` is given (and the SDKs only for their own provider).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { modulesLoadedBy } from '../helpers/modules-loaded.js';

const work = mkdtempSync(join(tmpdir(), 'mcpf-prompt-cost-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const COMPROMISE = /\/node_modules\/compromise\//;
const LLM_SDKS = /\/node_modules\/(@anthropic-ai\/sdk|openai)\//;

describe('prompt door start cost', () => {
  it('create --spec loads neither compromise nor an LLM SDK', async () => {
    const loaded = await modulesLoadedBy(['create', '--spec', 'examples/notes.yaml', '--dry-run'], work);
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
    const loaded = await modulesLoadedBy(argv, work);
    expect(loaded.some((url) => COMPROMISE.test(url))).toBe(true);
    expect(loaded.filter((url) => LLM_SDKS.test(url))).toEqual([]);
  });
});
