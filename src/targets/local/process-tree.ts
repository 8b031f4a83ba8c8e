/**
 * Signals for whole process trees. Every server runs as the leader of its own process group, so one
 * `kill(-pgid)` reaches the server and everything it spawned (the stdio bridge's per-session children).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !isZombie(pid);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether any process of the group still runs. kill(-pgid, 0) alone also counts zombies: children whose
 * parent died first wait for init to reap them, which can take seconds, so on Linux /proc is asked.
 */
export function isGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const members = liveGroupMembers(pgid);
  return members === undefined || members.length > 0;
}

/** pids of the group's non-zombie processes, from /proc; undefined where there is no /proc. */
export function liveGroupMembers(pgid: number): number[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat !== undefined && stat.pgid === pgid && stat.state !== 'Z') members.push(Number(entry));
  }
  return members;
}

function readStat(pid: number): { state: string; pgid: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): state ppid pgrp …
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0] ?? '', pgid: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

/** A zombie still answers kill(pid, 0) but is dead; /proc tells (Linux only; elsewhere assume alive). */
function isZombie(pid: number): boolean {
  return readStat(pid)?.state === 'Z';
}

/**
 * Guards against pid reuse: the supervisor's command line names its deployment folder. Where /proc is
 * missing we can only trust the pid.
 */
export function commandLineIncludes(pid: number, text: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT' || !existsProc();
  }
}

function existsProc(): boolean {
  try {
    readFileSync('/proc/self/stat');
    return true;
  } catch {
    return false;
  }
}

export function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}

export function signalProcess(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}

export async function waitUntil(check: () => boolean, timeoutMs: number, stepMs = 25): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await sleep(stepMs);
  }
  return check();
}

/** SIGTERM to the group, SIGKILL after `timeoutMs` if anything in it is still alive. */
export async function terminateGroup(pgid: number, timeoutMs: number): Promise<'none' | 'term' | 'kill'> {
  if (!isGroupAlive(pgid)) return 'none';
  signalGroup(pgid, 'SIGTERM');
  if (await waitUntil(() => !isGroupAlive(pgid), timeoutMs)) return 'term';
  signalGroup(pgid, 'SIGKILL');
  await waitUntil(() => !isGroupAlive(pgid), 2_000);
  return 'kill';
}
