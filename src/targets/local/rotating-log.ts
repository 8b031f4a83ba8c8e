/**
 * An append-only log file rotated by size: `server.log` → `server.log.1` → … → `server.log.<files-1>`, the
 * oldest dropped. Synchronous writes: the supervisor is the only writer and its lines are small, and a
 * synchronous append survives the supervisor being killed right after.
 */
import { closeSync, existsSync, fstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

export interface RotationOptions {
  readonly maxBytes: number;
  /** Total files kept, the live one included (3 ⇒ log, log.1, log.2). */
  readonly files: number;
}

export class RotatingLog {
  private fd: number;
  private size: number;

  constructor(
    readonly path: string,
    private readonly options: RotationOptions,
  ) {
    this.fd = openSync(path, 'a');
    this.size = fstatSync(this.fd).size;
  }

  write(chunk: Buffer | string): void {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (this.size > 0 && this.size + data.length > this.options.maxBytes) this.rotate();
    writeSync(this.fd, data);
    this.size += data.length;
  }

  /** A supervisor event, marked so a reader can tell it from the server's own output. */
  event(message: string): void {
    this.write(`[mcp-factory ${new Date().toISOString()}] ${message}\n`);
  }

  close(): void {
    closeSync(this.fd);
  }

  private rotate(): void {
    closeSync(this.fd);
    const last = `${this.path}.${this.options.files - 1}`;
    if (this.options.files > 1 && existsSync(last)) rmSync(last);
    for (let index = this.options.files - 2; index >= 1; index -= 1) {
      const from = `${this.path}.${index}`;
      if (existsSync(from)) renameSync(from, `${this.path}.${index + 1}`);
    }
    if (this.options.files > 1) renameSync(this.path, `${this.path}.1`);
    else rmSync(this.path);
    this.fd = openSync(this.path, 'a');
    this.size = 0;
  }
}
