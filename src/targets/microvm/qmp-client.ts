/**
 * A minimal QMP (QEMU Machine Protocol) client over the VM's unix control socket: connect, negotiate
 * capabilities, run commands one at a time and wait for events. The socket lives in a 0700 folder, so
 * only this user can drive the VM.
 */
import { connect, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

interface QmpReply {
  readonly return?: unknown;
  readonly error?: { readonly class: string; readonly desc: string };
  readonly event?: string;
  readonly QMP?: unknown;
}

export class QmpClient {
  private buffered = '';
  private readonly replies: Array<(reply: QmpReply) => void> = [];

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => this.onData(chunk));
    socket.on('error', () => undefined); // a VM that exits closes the socket; commands then time out
  }

  /** QEMU creates the socket shortly after it starts: retry until `timeoutMs`. */
  static async connect(path: string, timeoutMs = 10_000): Promise<QmpClient> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const socket = await open(path);
        const client = new QmpClient(socket);
        await client.next(); // the greeting
        await client.execute('qmp_capabilities');
        return client;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await sleep(10);
      }
    }
  }

  async execute(command: string, args?: Record<string, unknown>): Promise<unknown> {
    const reply = this.next();
    this.socket.write(
      `${JSON.stringify(args === undefined ? { execute: command } : { execute: command, arguments: args })}\n`,
    );
    const answer = await reply;
    if (answer.error !== undefined) throw new Error(`QMP ${command}: ${answer.error.desc}`);
    return answer.return;
  }

  /** Polls a query until `done` says so (migration status, run state). */
  async until<T>(command: string, done: (value: T) => boolean, timeoutMs: number): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = (await this.execute(command)) as T;
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`QMP ${command}: not done within ${timeoutMs} ms`);
      await sleep(5);
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private next(): Promise<QmpReply> {
    return new Promise((resolve) => this.replies.push(resolve));
  }

  private onData(chunk: string): void {
    this.buffered += chunk;
    for (let end = this.buffered.indexOf('\n'); end >= 0; end = this.buffered.indexOf('\n')) {
      const line = this.buffered.slice(0, end).trim();
      this.buffered = this.buffered.slice(end + 1);
      if (line === '') continue;
      const reply = JSON.parse(line) as QmpReply;
      if (reply.event === undefined) this.replies.shift()?.(reply); // events are not needed here
    }
  }
}

function open(path: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
    socket.once('error', reject);
  });
}
