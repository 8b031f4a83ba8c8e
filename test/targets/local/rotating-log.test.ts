import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLogLines } from '../../../src/targets/local/log-reader.js';
import { RotatingLog } from '../../../src/targets/local/rotating-log.js';

const dirs: string[] = [];
function tempLog(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcpf-log-'));
  dirs.push(dir);
  return join(dir, 'server.log');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('RotatingLog', () => {
  it('rotates by size and keeps only the configured number of files', () => {
    const path = tempLog();
    const log = new RotatingLog(path, { maxBytes: 1_000, files: 3 });
    for (let index = 0; index < 50; index += 1)
      log.write(`line ${String(index).padStart(3, '0')} ${'x'.repeat(90)}\n`);
    log.close();
    expect(existsSync(`${path}.1`)).toBe(true);
    expect(existsSync(`${path}.2`)).toBe(true);
    expect(existsSync(`${path}.3`)).toBe(false);
    for (const file of [path, `${path}.1`, `${path}.2`])
      expect(statSync(file).size).toBeLessThanOrEqual(1_000);
    expect(readFileSync(path, 'utf8')).toContain('line 049');
    expect(readFileSync(`${path}.2`, 'utf8')).not.toContain('line 000');
  });

  it('tail reads across rotated files in order', async () => {
    const path = tempLog();
    const log = new RotatingLog(path, { maxBytes: 200, files: 3 });
    for (let index = 0; index < 12; index += 1) log.write(`line ${index} ${'y'.repeat(40)}\n`);
    log.close();
    const lines = await collect(readLogLines(path, { tail: 6, follow: false, rotated: 2 }));
    expect(lines.map((line) => line.split(' ')[1])).toEqual(['6', '7', '8', '9', '10', '11']);
  });

  it('follow yields new lines, including the ones written just before a rotation', async () => {
    const path = tempLog();
    const log = new RotatingLog(path, { maxBytes: 300, files: 2 });
    log.write('before\n');
    const controller = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const line of readLogLines(path, {
        tail: 10,
        follow: true,
        rotated: 1,
        signal: controller.signal,
        pollMs: 10,
      })) {
        seen.push(line);
        if (line === 'line 19') controller.abort();
      }
    })();
    for (let index = 0; index < 20; index += 1) {
      log.write(`line ${index}\n`);
      if (index % 5 === 0) log.write(`${'z'.repeat(120)}\n`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await reading;
    log.close();
    const numbered = seen.filter((line) => line.startsWith('line '));
    expect(numbered).toEqual(Array.from({ length: 20 }, (_, index) => `line ${index}`));
    expect(seen[0]).toBe('before');
  });
});
