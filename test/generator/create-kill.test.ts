/**
 * Issue 11 item 10: `kill -9` of `mcp-create`. A real child process is killed with SIGKILL at two moments —
 * while it writes its temporary folder, and right after the project folder appeared — and then:
 *  - at every moment, a project folder that exists is in the catalogue (it is recorded before the rename);
 *  - the next create in the same parent leaves no `.NAME.mcp-factory-…` folder: an incomplete one is
 *    removed, a complete one is renamed into place and catalogued;
 *  - a folder of a run that is still alive is never touched.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/run-cli.js';
import { ROOT, scratchDir } from './helpers.js';

const SPEC = join(ROOT, 'examples', 'inventory.yaml');
/** The project folder; the server inside is called inventory-mcp. */
const NAME = 'inventory';
const SERVER = 'inventory-mcp';
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');
const CHILD = join(ROOT, 'test', 'generator', 'fixtures', 'create-child.ts');
const TRIALS = 2;

type Moment = 'temp folder appeared' | 'project folder appeared';

/** Runs mcp-create in a child and SIGKILLs it as soon as `moment` is seen in `parent`. */
async function createAndKill(parent: string, home: string, moment: Moment): Promise<{ killed: boolean }> {
  const wanted = (name: string) =>
    moment === 'project folder appeared' ? name === NAME : name.startsWith(`.${NAME}.mcp-factory-`);
  const child = spawn(
    process.execPath,
    ['--import', TSX, CHILD, '--spec', SPEC, '--out', join(parent, NAME)],
    {
      env: { ...process.env, MCP_FACTORY_HOME: home },
      stdio: 'ignore',
    },
  );
  let killed = false;
  const watcher = watch(parent, (_event, name) => {
    if (name && wanted(name.toString()) && !killed) killed = child.kill('SIGKILL');
  });
  await new Promise((resolve) => child.once('exit', resolve));
  watcher.close();
  return { killed };
}

function leftovers(parent: string): string[] {
  return readdirSync(parent).filter((name) => name.includes('.mcp-factory-'));
}

async function catalogued(home: string, cwd: string): Promise<boolean> {
  const run = await cli(['list', '--json'], { cwd, env: { MCP_FACTORY_HOME: home } });
  return run.json<{ servers: { name: string }[] }>().servers.some((s) => s.name === SERVER);
}

async function createAgain(parent: string, home: string) {
  return cli(['create', '--spec', SPEC, '--out', join(parent, NAME), '--json'], {
    cwd: parent,
    env: { MCP_FACTORY_HOME: home },
  });
}

describe('mcp-create killed with SIGKILL', () => {
  const root = scratchDir('create-kill');

  it.each<Moment>(['temp folder appeared', 'project folder appeared'])(
    'killed when the %s: folder and catalogue agree, and the next run leaves no temporary folder',
    async (moment) => {
      let hits = 0;
      for (let trial = 0; trial < TRIALS; trial++) {
        const parent = join(root, `${moment.split(' ')[0]}-${trial}`);
        const home = join(parent, '.home');
        mkdirSync(parent, { recursive: true });
        const { killed } = await createAndKill(parent, home, moment);
        const projectExists = existsSync(join(parent, NAME));
        if (killed && (moment === 'project folder appeared' ? projectExists : leftovers(parent).length > 0))
          hits++;
        // Right after the kill, before anything repairs it: a project folder is always catalogued.
        if (projectExists) expect(await catalogued(home, parent)).toBe(true);
        const again = await createAgain(parent, home);
        expect(again.code, again.stderr).toBe(0);
        expect(leftovers(parent)).toEqual([]);
        expect(existsSync(join(parent, NAME, 'mcp.spec.yaml'))).toBe(true);
        expect(await catalogued(home, parent)).toBe(true);
      }
      // The kills must have landed at the moment they were aimed at, or this test proves nothing.
      expect(hits).toBeGreaterThan(0);
    },
    120_000,
  );
});

describe('settling what killed runs left', () => {
  const root = scratchDir('create-recover');

  async function deadPid(): Promise<number> {
    const child = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => child.once('exit', resolve));
    return child.pid as number;
  }

  it('removes an incomplete folder of a dead run and completes a complete one, cataloguing it', async () => {
    const parent = join(root, 'dead');
    const home = join(parent, '.home');
    mkdirSync(parent, { recursive: true });
    const pid = await deadPid();
    // A complete project written by a run that died before its rename: made by a real create, then moved back.
    const seed = join(root, 'seed');
    mkdirSync(seed, { recursive: true });
    const made = await cli(
      ['create', '--spec', join(ROOT, 'examples', 'notes.yaml'), '--out', join(seed, 'notes')],
      {
        cwd: seed,
        env: { MCP_FACTORY_HOME: join(seed, '.home') },
      },
    );
    expect(made.code).toBe(0);
    const { renameSync } = await import('node:fs');
    renameSync(join(seed, 'notes'), join(parent, `.notes.mcp-factory-${pid}-0123456789ab`));
    const incomplete = join(parent, `.half.mcp-factory-${pid}-ba9876543210`);
    mkdirSync(join(incomplete, 'src'), { recursive: true });
    writeFileSync(join(incomplete, 'package.json'), '{}');

    const run = await createAgain(parent, home);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json<{ recovered: unknown }>().recovered).toEqual({
      adopted: [join(parent, 'notes')],
      removed: [incomplete],
    });
    expect(leftovers(parent)).toEqual([]);
    expect(existsSync(join(parent, 'notes', 'mcp.spec.yaml'))).toBe(true);
    const list = await cli(['list', '--json'], { cwd: parent, env: { MCP_FACTORY_HOME: home } });
    expect(
      list
        .json<{ servers: { name: string }[] }>()
        .servers.map((s) => s.name)
        .sort(),
    ).toEqual([SERVER, 'notes']);
  });

  it('never touches the folder of a run that is still alive', async () => {
    const parent = join(root, 'alive');
    const live = join(parent, `.other.mcp-factory-${process.pid}-aaaaaaaaaaaa`);
    mkdirSync(live, { recursive: true });
    writeFileSync(join(live, 'package.json'), '{}');
    const run = await createAgain(parent, join(parent, '.home'));
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(join(live, 'package.json'))).toBe(true);
  });
});
