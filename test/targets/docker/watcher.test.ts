/**
 * What Docker's restart policy does not do, the deployment's watcher does: a container stopped with
 * `docker kill` (SIGKILL: the engine counts any kill as a manual stop) is started again and counted, a
 * container the engine calls unhealthy is restarted, a replica too; past the restart policy the deployment
 * is `failed`, saying the watcher gave up. The watcher is its own detached process, in its own session.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeploymentInfo } from '../../../src/targets/target.js';
import { callJson, connect, waitFor } from '../local/helpers.js';
import { DOCKER_HOST, execIn, NEEDS_ENGINE, notesServerSuite, uniqueName } from './helpers.js';

const NAME = uniqueName('dkt-watch');

/** Freezes the server process inside the container (its HEALTHCHECK then times out). */
const FREEZE_SERVER = `
const fs = require('node:fs');
for (const pid of fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p) && Number(p) !== process.pid)) {
  let cmd = '';
  try { cmd = fs.readFileSync('/proc/' + pid + '/cmdline', 'utf8'); } catch { continue; }
  if (cmd.includes('/app/dist')) process.kill(Number(pid), 'SIGSTOP');
}`;

describe.skipIf(DOCKER_HOST === undefined)(`docker target, watcher ${NEEDS_ENGINE}`, () => {
  const suite = notesServerSuite(NAME);
  const container = (suffix = '') => suite.engine.getContainer(`mcp-factory-${NAME}${suffix}`);
  const settled = (predicate: (info: DeploymentInfo) => boolean, timeoutMs = 20_000) =>
    waitFor(async () => {
      const info = await suite.target.status(NAME);
      return predicate(info) ? info : undefined;
    }, timeoutMs);
  const answers = async (endpoint: string) => {
    const session = await connect(endpoint);
    expect(await callJson(session.client, 'search_notes', {})).toBeDefined();
    await session.close();
  };

  it('docker kill: the container is started again and counted; the watcher runs in its own session', async () => {
    const deployed = await suite.target.deploy(suite.artifact, {
      restart: { maxRestarts: 2 },
      healthIntervalMs: 1_000,
      stopTimeoutMs: 1_000,
    });
    expect(deployed.details?.watcher).toBe('watching');
    const watch = JSON.parse(readFileSync(join(deployed.deploymentDir, 'watch.json'), 'utf8'));
    const stat = readFileSync(`/proc/${watch.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    expect(Number(stat[3])).toBe(watch.pid); // session id: it leads its own session, not the caller's

    await container().kill(); // SIGKILL, as `docker kill` sends
    const back = await settled((info) => info.restarts === 1 && info.state === 'running');
    await answers(back.endpoint);
  }, 90_000);

  it('unhealthy: the container is restarted and counted', async () => {
    const frozen = await execIn(container(), ['node', '-e', FREEZE_SERVER], 'node');
    expect(frozen.exitCode, frozen.output).toBe(0);
    await settled((info) => info.details?.health === 'unhealthy' || info.restarts === 2, 45_000);
    const back = await settled((info) => info.restarts === 2 && info.state === 'running', 30_000);
    await answers(back.endpoint);
  }, 90_000);

  it('past the restart policy the deployment is failed: the watcher gave up', async () => {
    await container().kill();
    const failed = await settled((info) => info.details?.watcher === 'gave up');
    expect(failed.state).toBe('failed');
    expect(failed.reason).toMatch(/exited with code 137.*the watcher gave up: crashed 3 times within 60s/);
    expect((await suite.target.start(NAME)).state).toBe('running');
  }, 60_000);

  it('replicas: a killed replica is replaced and counted; stop ends the watcher', async () => {
    const deployed = await suite.target.deploy(suite.artifact, { replicas: 2 });
    expect(deployed.restarts).toBe(0);
    await container('-2').kill();
    const back = await settled(
      (info) => info.restarts === 1 && info.state === 'running' && info.details?.replicas === '2/2',
    );
    await answers(back.endpoint);
    const stopped = await suite.target.stop(NAME);
    expect(stopped.details?.watcher).toBe('stopped');
  }, 90_000);
});
