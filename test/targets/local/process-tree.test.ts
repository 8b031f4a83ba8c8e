import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isGroupAlive, liveGroupMembers, terminateGroup } from '../../../src/targets/local/process-tree.js';
import { pidAlive } from './helpers.js';

describe('process groups', () => {
  it('terminateGroup ends a leader and its children, and the group then counts as gone', async () => {
    // A shell leading its own group with two sleeping children: the shape of the bridge and its sessions.
    const leader = spawn('sh', ['-c', 'sleep 30 & sleep 30 & wait'], { detached: true, stdio: 'ignore' });
    const pgid = leader.pid ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const members = liveGroupMembers(pgid) ?? [];
    expect(members).toHaveLength(3);
    expect(isGroupAlive(pgid)).toBe(true);
    expect(await terminateGroup(pgid, 1_000)).toBe('term');
    expect(isGroupAlive(pgid)).toBe(false);
    for (const pid of members) expect(pidAlive(pid)).toBe(false);
  });

  it('escalates to SIGKILL for a group that ignores SIGTERM', async () => {
    const leader = spawn('sh', ['-c', "trap '' TERM; sleep 30 & wait; sleep 30"], {
      detached: true,
      stdio: 'ignore',
    });
    const pgid = leader.pid ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    expect(await terminateGroup(pgid, 300)).toBe('kill');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(isGroupAlive(pgid)).toBe(false);
  });

  it('a group with no process left is not alive', () => {
    expect(isGroupAlive(2 ** 22 - 7)).toBe(false);
  });
});
