/**
 * Errors by audience. Every failure the factory reports carries a stable string `code` from the table
 * below; the audience decides how the edges render it (exit code in the CLI, HTTP status in the API) and
 * whether a stack trace is ever shown (only for `internal`, and only with --debug).
 */
export type Audience = 'user' | 'operational' | 'internal';

interface CodeInfo {
  readonly audience: Audience;
  /** Process exit code used by the CLI. 1 = the input is invalid, 2 = could not read/use the input. */
  readonly exit: number;
  /** HTTP status used by the REST API. */
  readonly http: number;
}

export const ERROR_CODES = {
  /** The spec (or other user input) was read but is not valid. */
  SPEC_INVALID: { audience: 'user', exit: 1, http: 422 },
  /** A file or other input could not be read at all. */
  INPUT_UNREADABLE: { audience: 'user', exit: 2, http: 400 },
  /** Command-line usage error: unknown flag, missing argument. */
  USAGE: { audience: 'user', exit: 2, http: 400 },
  /** The user answered no to a confirmation: nothing was done, and nothing was wrong with the command. */
  CANCELLED: { audience: 'user', exit: 1, http: 409 },
  /** Something the user named does not exist (server, version, tool). */
  NOT_FOUND: { audience: 'user', exit: 1, http: 404 },
  /** The request conflicts with what exists (same version, different spec). */
  CONFLICT: { audience: 'user', exit: 1, http: 409 },
  /** Output would overwrite something the user owns, or the target directory is not ours. */
  OUTPUT_CONFLICT: { audience: 'user', exit: 1, http: 409 },
  /** A generated project is out of date against its spec (`create --check`). */
  STALE: { audience: 'user', exit: 1, http: 409 },
  /** A service the factory calls (an LLM provider) refused the credentials it was given. */
  CREDENTIALS_REJECTED: { audience: 'user', exit: 2, http: 502 },
  /** A deployment target is unavailable on this machine (no Docker engine, no KVM). */
  TARGET_UNAVAILABLE: { audience: 'operational', exit: 3, http: 503 },
  /** A target, trigger or server failed while running. */
  RUNTIME_FAILED: { audience: 'operational', exit: 3, http: 502 },
  /** The registry database could not be opened or written. */
  REGISTRY_FAILED: { audience: 'operational', exit: 3, http: 500 },
  /** A bug in the factory. */
  INTERNAL: { audience: 'internal', exit: 70, http: 500 },
} as const satisfies Record<string, CodeInfo>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class FactoryError extends Error {
  override readonly name = 'FactoryError';
  readonly code: ErrorCode;
  /** Extra, serializable detail for --json output and API bodies (e.g. the list of diagnostics). */
  readonly details: unknown;
  /** A short suggestion that tells the user what to do next. */
  readonly hint: string | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { hint?: string; details?: unknown; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }

  get audience(): Audience {
    return ERROR_CODES[this.code].audience;
  }
}

/** Anything thrown that is not a FactoryError is a bug: wrap it so it is reported as internal. */
export function toFactoryError(error: unknown): FactoryError {
  if (error instanceof FactoryError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new FactoryError('INTERNAL', `internal error: ${message}`, { cause: error });
}

export function exitCodeFor(error: FactoryError): number {
  return ERROR_CODES[error.code].exit;
}

export function httpStatusFor(error: FactoryError): number {
  return ERROR_CODES[error.code].http;
}

/** The one JSON shape used for errors by `--json` output and the REST API. */
export function errorBody(error: FactoryError): {
  error: { code: ErrorCode; message: string; hint?: string; details?: unknown };
} {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.hint === undefined ? {} : { hint: error.hint }),
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  };
}

/** The value, or undefined when the work failed only because something does not exist (NOT_FOUND). */
export async function unlessNotFound<T>(work: Promise<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof FactoryError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}
