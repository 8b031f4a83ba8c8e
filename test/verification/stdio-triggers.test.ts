/**
 * A real generated stdio server with a cron and a webhook trigger, run as its clients run it (a process
 * whose stdin is the protocol): shutdown wins over a start in progress (stdin closed during start-up ends
 * the process, frees the webhook port and fires nothing), and a second copy never drops its webhooks (it
 * takes a free port and prints it, or refuses to start when MCP_WEBHOOK_PORT names a taken port).
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './lib/free-port.js';
import {
  generateInto,
  parseValidSpec,
  removeDir,
  tempDir,
  transpileProject,
} from './lib/generated-server.js';
import { type SpawnedProcess, spawnLaunch } from './lib/spawned-process.js';

function specText(port: number): string {
  return JSON.stringify({
    name: 'ticker-mcp',
    version: '1.0.0',
    description: 'Notes from a cron tick and a webhook.',
    transport: 'stdio',
    http: { host: '127.0.0.1', port },
    connections: [
      { name: 'memory', type: 'sqlite', envVar: 'TICKER_DATABASE_PATH', defaultPath: ':memory:' },
    ],
    tools: [
      {
        name: 'note',
        description: 'Echo a note.',
        connection: 'memory',
        parameters: { text: { type: 'string', required: true } },
        returns: { type: 'object', properties: { text: { type: 'string' } } },
        implementation: { type: 'sql', statement: 'SELECT :text AS text', result: 'first' },
      },
    ],
    triggers: [
      { type: 'cron', schedule: '* * * * * *', tool: 'note', arguments: { text: { value: 'tick' } } },
      { type: 'webhook', path: '/hooks/note', tool: 'note', arguments: { text: { from: 'body.text' } } },
    ],
  });
}

let parent: string;
let dir: string;
let webhookPort: number;
const running: SpawnedProcess[] = [];

beforeAll(async () => {
  webhookPort = await freePort();
  parent = await tempDir('ticker');
  dir = await generateInto(parseValidSpec(specText(webhookPort), 'ticker.json'), parent);
  await transpileProject(dir);
}, 60_000);

afterAll(async () => {
  await Promise.all(running.map((proc) => proc.stop()));
  await removeDir(parent);
});

/** A copy of the server on stdio, with stdin kept open (its client is still there). */
function startCopy(env: Record<string, string> = {}): SpawnedProcess {
  const proc = spawnLaunch(
    {
      command: process.execPath,
      args: ['dist/src/index.js'],
      env: { MCP_TRANSPORT: 'stdio', ...env },
      cwd: dir,
    },
    {},
    'pipe',
  );
  running.push(proc);
  return proc;
}

async function until(probe: () => boolean, timeoutMs: number, what: string, output: () => string) {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms; output:\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

const triggerRuns = (output: string) =>
  output.split('\n').filter((line) => line.includes('"msg":"trigger run'));

describe('a generated stdio server with cron and webhook triggers', () => {
  it('exits when stdin closes during start-up: port freed, nothing fired (3 runs)', async () => {
    for (let run = 0; run < 3; run += 1) {
      const child = spawn(process.execPath, ['dist/src/index.js'], {
        cwd: dir,
        env: { ...process.env, MCP_TRANSPORT: 'stdio' },
        stdio: ['pipe', 'ignore', 'pipe'],
      });
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
      });
      child.stdin.end(); // the client went away while the server was still starting
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('alive'), 8_000))]);
      if (code === 'alive') child.kill('SIGKILL');
      expect(code, output).toBe(0);
      expect(output).toContain('"msg":"stopped"');
      expect(triggerRuns(output), output).toEqual([]);
      expect(await portIsFree(webhookPort)).toBe(true);
    }
  }, 40_000);

  it('a second copy serves its webhooks on a free port it prints; a named taken port refuses the start', async () => {
    const first = startCopy();
    await until(
      () => first.output().includes('"msg":"webhooks listening"'),
      10_000,
      'first copy listening',
      first.output,
    );
    expect(first.output()).toContain(`127.0.0.1:${webhookPort}`);

    const second = startCopy();
    await until(
      () => second.output().includes(`webhook port ${webhookPort} is in use`),
      10_000,
      'second copy moved',
      second.output,
    );
    const line =
      second
        .output()
        .split('\n')
        .find((l) => l.includes(`webhook port ${webhookPort} is in use`)) ?? '';
    const url = (JSON.parse(line) as { url: string }).url;
    expect(url).not.toContain(`:${webhookPort}`);
    const reply = await fetch(`${url}/hooks/note`, { method: 'POST', body: '{"text":"to the second copy"}' });
    expect(reply.status).toBe(202);
    await until(
      () =>
        triggerRuns(second.output()).some(
          (l) => l.includes('webhook /hooks/note') && l.includes('succeeded'),
        ),
      5_000,
      'webhook run on the second copy',
      second.output,
    );

    const third = startCopy({ MCP_WEBHOOK_PORT: String(webhookPort) });
    expect(await third.exited).toBe(1);
    expect(third.output()).toContain(`cannot start: webhooks cannot listen on 127.0.0.1:${webhookPort}`);
    expect(third.output()).toContain('MCP_WEBHOOK_PORT');
    expect(third.output()).not.toMatch(/\n\s+at /); // a clear message, no stack trace
    expect(triggerRuns(third.output())).toEqual([]);
  }, 40_000);
});
