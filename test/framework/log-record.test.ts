import { describe, expect, it } from 'vitest';
import { logRecord } from '../../src/cli/render/log-record.js';

describe('logs --json records', () => {
  it.each([
    [
      '{"time":"t","level":"info","msg":"tool call","tool":"add"}',
      { time: 't', level: 'info', msg: 'tool call', tool: 'add' },
    ],
    ['replica-2 | {"level":"warn","msg":"slow"}', { replica: 'replica-2', level: 'warn', msg: 'slow' }],
    ['    at main (server.mjs:10:3)', { msg: '    at main (server.mjs:10:3)' }],
    ['{not json', { msg: '{not json' }],
    ['[1,2]', { msg: '[1,2]' }],
    ['replica-1 | plain text', { replica: 'replica-1', msg: 'plain text' }],
  ])('%s', (line, record) => {
    expect(logRecord(line)).toEqual(record);
  });
});
