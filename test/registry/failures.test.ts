import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FactoryError } from '../../src/errors.js';
import { openRegistry, registryFile } from '../../src/registry/index.js';
import { tempHome, version } from './helpers.js';

async function openError(home: string): Promise<FactoryError> {
  const error = await openRegistry({ home }).then(
    async (registry) => {
      await registry.close();
      return expect.fail('open should have failed');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FactoryError);
  return error as FactoryError;
}

const WRITER = join(import.meta.dirname, 'fixtures/registry-writer.ts');
type ErrorBody = { error?: { code: string; message: string; hint?: string } };

/**
 * Permission checks run in a child process; as root (CI containers) the child runs as `nobody`, because
 * root ignores file modes.
 */
function openAsUnprivileged(home: string): ErrorBody {
  const asNobody = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  const result = spawnSync(process.execPath, ['--import', 'tsx', WRITER, 'open', home], {
    cwd: join(import.meta.dirname, '../..'),
    encoding: 'utf8',
    ...asNobody,
  });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as ErrorBody;
}

describe('registry failures are operational errors with a way out', () => {
  it('a file that is not a database', async () => {
    const home = tempHome();
    writeFileSync(
      registryFile(home),
      'this is not sqlite, just some bytes that are long enough '.repeat(100),
    );
    const error = await openError(home);
    expect(error.code).toBe('REGISTRY_FAILED');
    expect(error.message).toContain(registryFile(home));
    expect(error.message).toMatch(/not a database/);
    expect(error.hint).toMatch(/move the file aside|MCP_FACTORY_HOME/);
  });

  it('a database damaged after it was written', async () => {
    const home = tempHome();
    const registry = await openRegistry({ home });
    for (let i = 0; i < 30; i++) await registry.recordVersion(version(`server-${i}`, '1.0.0'));
    await registry.close(); // the last connection checkpoints the WAL into the main file
    const fd = openSync(registryFile(home), 'r+');
    writeSync(fd, Buffer.alloc(8192, 0xa5), 0, 8192, 4096); // overwrite pages 2–3 (B-tree pages)
    closeSync(fd);
    const failure = await openRegistry({ home })
      .then(async (reopened) => {
        try {
          await reopened.listServers();
          await reopened.search('ping');
          return undefined;
        } finally {
          await reopened.close();
        }
      })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(FactoryError);
    expect(failure).toMatchObject({
      code: 'REGISTRY_FAILED',
      hint: expect.stringMatching(/damaged|not an SQLite/),
    });
  });

  it('a file where the home directory should be', async () => {
    const home = join(tempHome(), 'home');
    writeFileSync(home, 'oops');
    const error = await openError(home);
    expect(error.code).toBe('REGISTRY_FAILED');
    expect(error.message).toContain(`registry ${home}: could not create the registry directory`);
    expect(error.hint).toMatch(/MCP_FACTORY_HOME/);
  });

  it('a home directory that is not writable', async () => {
    const home = tempHome();
    chmodSync(home, 0o555);
    const { error } = openAsUnprivileged(home);
    expect(error).toMatchObject({
      code: 'REGISTRY_FAILED',
      message: expect.stringContaining(registryFile(home)),
    });
    expect(error?.hint).toMatch(/writable|permissions/);
  });

  it('a registry file that is read-only', async () => {
    const home = tempHome();
    const registry = await openRegistry({ home });
    await registry.close();
    chmodSync(home, 0o777);
    chmodSync(registryFile(home), 0o444);
    const { error } = openAsUnprivileged(home);
    expect(error).toMatchObject({
      code: 'REGISTRY_FAILED',
      message: expect.stringContaining(registryFile(home)),
    });
    expect(error?.hint).toMatch(/read-only|permissions|writable/);
  });

  it('a home below a file, so its directory cannot be created', async () => {
    const file = join(tempHome(), 'file');
    writeFileSync(file, 'oops');
    const error = await openError(join(file, 'nested', 'home'));
    expect(error.code).toBe('REGISTRY_FAILED');
    expect(error.message).toContain('could not create the registry directory');
  });

  it('errors that are bugs are not relabelled as registry failures', async () => {
    const registry = await openRegistry({ home: tempHome() });
    await registry.close();
    // Using a closed registry is a programming error: it surfaces as is, not as REGISTRY_FAILED.
    await expect(registry.listServers()).rejects.not.toBeInstanceOf(FactoryError);
  });
});
