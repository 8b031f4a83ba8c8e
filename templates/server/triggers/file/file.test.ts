import { appendFileSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileTriggerConfig } from '../contract.js';
import { type RunningTriggers, startTriggers } from '../index.js';
import { recordingTool, testRuntime } from '../testing/recording-tool.js';
import { globToRegExp, watchTarget } from './glob.js';

describe('globs', () => {
  it.each([
    ['/d/*.json', '/d/a.json', true],
    ['/d/*.json', '/d/sub/a.json', false],
    ['/d/**/*.json', '/d/a.json', true],
    ['/d/**/*.json', '/d/x/y/a.json', true],
    ['/d/*.{csv,tsv}', '/d/a.tsv', true],
    ['/d/file?.txt', '/d/file1.txt', true],
    ['/d/[ab].txt', '/d/c.txt', false],
    ['/d/a.b', '/d/axb', false],
  ])('%s matches %s: %s', (glob, path, want) => {
    expect(globToRegExp(glob).test(path)).toBe(want);
  });

  it('watches the folder before the first wildcard', () => {
    expect(watchTarget('in/**/*.csv', '/srv').root).toBe('/srv/in');
    expect(watchTarget('/abs/file.txt', '/srv')).toEqual({ root: '/abs/file.txt' });
  });
});

const config = (dir: string, patch: Partial<FileTriggerConfig> = {}): FileTriggerConfig => ({
  type: 'file',
  tool: 'ingest',
  paths: [join(dir, '*.json')],
  events: ['add', 'change', 'unlink'],
  debounceMs: 150,
  arguments: { file: { from: 'path' }, what: { from: 'event' } },
  retry: { attempts: 1, backoffMs: 0 },
  ...patch,
});

let dir = '';
let started: RunningTriggers | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mcp-trigger-file-'));
});
afterEach(async () => {
  await started?.stop();
  started = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const settle = (ms = 600) => new Promise((r) => setTimeout(r, ms));

describe('file trigger (real files)', () => {
  it('runs the tool for add, change and unlink of matching files only', async () => {
    const tool = recordingTool();
    const { runtime } = testRuntime(tool);
    started = await startTriggers([config(dir)], runtime);
    const file = join(dir, 'order.json');
    writeFileSync(file, '{}');
    writeFileSync(join(dir, 'notes.txt'), 'ignored: does not match the glob');
    await tool.waitForCalls(1);
    await settle();
    appendFileSync(file, ' ');
    await tool.waitForCalls(2);
    await settle();
    unlinkSync(file);
    await tool.waitForCalls(3);
    await settle();
    expect(tool.calls).toEqual([
      { file, what: 'add' },
      { file, what: 'change' },
      { file, what: 'unlink' },
    ]);
  });

  it('debounces a burst of writes to one path into one run (the last event)', async () => {
    const tool = recordingTool();
    const { runtime } = testRuntime(tool);
    started = await startTriggers([config(dir, { debounceMs: 1_000, events: ['add', 'change'] })], runtime);
    const file = join(dir, 'burst.json');
    writeFileSync(file, '1');
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 40));
      appendFileSync(file, String(i));
    }
    const other = join(dir, 'other.json');
    writeFileSync(other, '{}');
    await settle(2_500);
    expect(tool.calls).toHaveLength(2);
    expect(tool.calls).toContainEqual({ file: other, what: 'add' });
    expect(tool.calls.filter((c) => c.file === file)).toHaveLength(1);
  });

  it('watches a plain folder recursively and honours the event list', async () => {
    const tool = recordingTool();
    const { runtime } = testRuntime(tool);
    mkdirSync(join(dir, 'inbox'));
    started = await startTriggers(
      [config(dir, { paths: [join(dir, 'inbox')], events: ['unlink'] })],
      runtime,
    );
    const file = join(dir, 'inbox', 'a.csv');
    writeFileSync(file, 'x');
    await settle();
    expect(tool.calls).toHaveLength(0);
    unlinkSync(file);
    expect(await tool.waitForCalls(1)).toEqual([{ file, what: 'unlink' }]);
  });

  it('stops watching on stop', async () => {
    const tool = recordingTool();
    const { runtime } = testRuntime(tool);
    const triggers = await startTriggers([config(dir)], runtime);
    await triggers.stop();
    writeFileSync(join(dir, 'late.json'), '{}');
    await settle();
    expect(tool.calls).toHaveLength(0);
  });
});
