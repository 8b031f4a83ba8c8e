/**
 * Turns any failure into the short message a client sees in an `isError` result. The message never
 * carries a stack, a connection string or a secret: the values of every configured env var are masked,
 * as is anything shaped like `scheme://user:password@`. Full details go to the log, not to the client.
 */
import { ToolError } from './contract.js';

const MAX_MESSAGE = 300;

/** Collects secret values (connection URLs, tokens) so messages can be scrubbed of them. */
export class Redactor {
  readonly #secrets = new Set<string>();

  add(value: string | undefined): void {
    if (value === undefined || value.length < 4) return;
    this.#secrets.add(value);
    // A URL's password is also a secret on its own (drivers sometimes echo just that part).
    const password = tryUrlPassword(value);
    if (password && password.length >= 4) this.#secrets.add(password);
  }

  redact(text: string): string {
    let out = text.replace(/([a-z][a-z0-9+.-]*:\/\/)[^\s/@:]*(:[^\s/@]*)?@/gi, '$1***@');
    for (const secret of this.#secrets) out = out.split(secret).join('***');
    return out;
  }
}

function tryUrlPassword(value: string): string | undefined {
  try {
    return decodeURIComponent(new URL(value).password) || undefined;
  } catch {
    return undefined;
  }
}

/** An error raised by a database driver or the network, labelled for the client. */
export function describeError(error: unknown, redactor: Redactor): string {
  if (error instanceof ToolError) return shorten(redactor.redact(error.message));
  if (isAbortError(error)) return 'the operation was cancelled or timed out';
  const message = error instanceof Error ? error.message : String(error);
  const code = errorCode(error);
  const text = code && !message.includes(code) ? `${message} (${code})` : message;
  return shorten(redactor.redact(text));
}

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** First line only, bounded length: a client needs the gist, and multi-line driver messages hide it. */
export function shorten(text: string, max = MAX_MESSAGE): string {
  const firstLine = text.split('\n', 1)[0] ?? '';
  return firstLine.length > max ? `${firstLine.slice(0, max - 1)}…` : firstLine;
}
