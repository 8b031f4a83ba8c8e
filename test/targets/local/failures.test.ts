/** What the local target does with servers that cannot run, and with bad input. */
import { afterAll, describe, expect, it } from 'vitest';
import { FactoryError } from '../../../src/errors.js';
import { fixtureArtifact, pidAlive, testHome } from './helpers.js';

const env = testHome();
const { target } = env;
afterAll(() => env.cleanup());

describe('local target failures', () => {
  it('a crash loop ends in `failed` after the restart policy, with the log tail in the error', async () => {
    const policy = { maxRestarts: 2, windowMs: 30_000, initialDelayMs: 20, maxDelayMs: 100 };
    const error = await target
      .deploy(fixtureArtifact('crash-loop'), {
        transport: 'http',
        restart: policy,
        env: { FIXTURE_EXIT_ON_START: '1' },
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FactoryError);
    const failure = error as FactoryError;
    expect(failure.code).toBe('RUNTIME_FAILED');
    expect(failure.message).toContain('crash-loop failed to start');
    expect(failure.message).toContain('crashed 3 times within 30s');
    expect(failure.message).toContain('exiting on start as asked');
    const status = await target.status('crash-loop');
    expect(status).toMatchObject({ state: 'failed', restarts: 2, lastExit: { code: 2, signal: null } });
    expect(status.reason).toMatch(/exited \(code 2\)/);
    expect(pidAlive(status.supervisorPid ?? 0)).toBe(false);
  });

  it('a command that cannot start fails the deploy with the reason from the log', async () => {
    const artifact = { ...fixtureArtifact('missing-entry'), command: ['node', 'no-such-server.mjs'] };
    const restart = { maxRestarts: 1, initialDelayMs: 20, maxDelayMs: 50 };
    await expect(target.deploy(artifact, { transport: 'http', restart })).rejects.toMatchObject({
      code: 'RUNTIME_FAILED',
      message: expect.stringContaining('Cannot find module'),
    });
    await target.remove('missing-entry');
  });

  it('a failed deployment can be started again once the cause is gone', async () => {
    const started = await target.start('crash-loop');
    expect(started.state).toBe('running');
    await target.remove('crash-loop');
  });

  it.each([
    { why: 'a bad name', patch: { name: 'Bad Name!' }, message: /invalid deployment name/ },
    {
      why: 'a relative projectDir',
      patch: { projectDir: 'fixtures' },
      message: /projectDir must be an existing/,
    },
    { why: 'an empty command', patch: { command: [] }, message: /command of .* is empty/ },
    { why: 'no transports', patch: { transports: [] }, message: /transports of .* is empty/ },
  ])('rejects an artifact with $why as a USAGE error', async ({ patch, message }) => {
    const artifact = { ...fixtureArtifact('bad-input'), ...patch };
    await expect(target.deploy(artifact)).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringMatching(message),
    });
  });

  it('rejects a transport the artifact does not speak', async () => {
    await expect(
      target.deploy(fixtureArtifact('http-only', ['http']), { transport: 'stdio' }),
    ).rejects.toMatchObject({
      code: 'USAGE',
      hint: 'it supports: http',
    });
  });

  it('names the missing environment variables and stores no value', async () => {
    const artifact = {
      ...fixtureArtifact('needs-env'),
      env: [{ name: 'FIXTURE_REQUIRED_TOKEN', required: true, secret: true }],
    };
    await expect(target.deploy(artifact)).rejects.toMatchObject({
      code: 'USAGE',
      message: 'needs-env needs environment variables: FIXTURE_REQUIRED_TOKEN',
    });
    const info = await target.deploy(artifact, {
      transport: 'stdio',
      env: { FIXTURE_REQUIRED_TOKEN: 's3cr3t-value' },
    });
    const { readFileSync, readdirSync } = await import('node:fs');
    for (const file of readdirSync(info.deploymentDir)) {
      expect(readFileSync(`${info.deploymentDir}/${file}`, 'utf8')).not.toContain('s3cr3t-value');
    }
    expect(info.clientConfig?.mcpServers['needs-env']).toMatchObject({
      env: { FIXTURE_REQUIRED_TOKEN: '<FIXTURE_REQUIRED_TOKEN>' },
    });
    await target.remove('needs-env');
  });
});
