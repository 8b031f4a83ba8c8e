/**
 * state.json: the runtime state of one deployment, written atomically (temp file + rename) so a reader never
 * sees half a file, whoever crashes when.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { DeploymentState, ExitInfo, HealthResult, TransportKind } from '../target.js';

export interface RuntimeState {
  readonly name: string;
  readonly version: string;
  readonly state: DeploymentState;
  readonly reason?: string;
  readonly transport: TransportKind;
  readonly port: number;
  readonly endpoint: string;
  readonly supervisorPid?: number;
  readonly serverPid?: number;
  /** The server's process group (== its pid: it is started as a group leader). */
  readonly serverPgid?: number;
  readonly restarts: number;
  readonly startedAt?: string;
  readonly updatedAt: string;
  readonly lastHealth?: HealthResult;
  readonly lastExit?: ExitInfo;
}

export function writeJsonAtomic(path: string, value: unknown): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`);
  renameSync(temp, path);
}

export function readJsonFile<T>(path: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return JSON.parse(text) as T;
}

export function readState(path: string): RuntimeState | undefined {
  return readJsonFile<RuntimeState>(path);
}

export function writeState(path: string, state: RuntimeState): void {
  writeJsonAtomic(path, state);
}
