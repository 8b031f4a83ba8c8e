/**
 * A CLI command is a plain definition: its arguments and options (from which commander builds the parser
 * and `--help`), and a `run` that calls one service and returns what to print. Commands never write to the
 * terminal or exit the process themselves; `main.ts` renders the result and maps errors to exit codes.
 */
export interface ArgumentDefinition {
  readonly name: string;
  readonly description: string;
  readonly required?: boolean;
  readonly variadic?: boolean;
}

export interface OptionDefinition {
  /** Commander flag syntax, e.g. `--spec <file>` or `-f, --follow`. */
  readonly flags: string;
  readonly description: string;
  readonly default?: string | boolean | number;
  /** Parse the raw string (e.g. to a number); throw a FactoryError('USAGE') for bad values. */
  readonly parse?: (raw: string) => unknown;
}

export interface CommandOutput {
  /** Human-readable text for a terminal (may be empty). */
  readonly text: string;
  /** The same result as a serializable value, printed with --json. */
  readonly json: unknown;
  /** 0 unless the command completed but has a failing outcome (e.g. `validate` of an invalid spec). */
  readonly exitCode?: number;
  /** Text for stderr even on success (e.g. warnings) in human mode. */
  readonly stderr?: string;
  /** The command already wrote its whole output as it went (`logs --follow`): print nothing more. */
  readonly streamed?: boolean;
}

export interface CommandContext {
  readonly args: readonly string[];
  readonly options: Readonly<Record<string, unknown>>;
  readonly json: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** True when stdout is a terminal: long steps may show progress. */
  readonly interactive: boolean;
  /** Write to stdout now (streaming commands such as `logs --follow`); prefer returning output. */
  readonly write: (text: string) => void;
  /** Progress for long steps: plain lines on stderr, silent with --json. */
  readonly progress: (message: string) => void;
  /** Ask a yes/no question on a terminal; resolves false when there is no terminal to ask on. */
  readonly confirm: (question: string) => Promise<boolean>;
  /** Aborted on Ctrl-C, so streaming commands can finish cleanly. */
  readonly signal: AbortSignal;
}

export interface CommandDefinition {
  readonly name: string;
  readonly summary: string;
  readonly description?: string;
  readonly arguments?: readonly ArgumentDefinition[];
  readonly options?: readonly OptionDefinition[];
  readonly examples?: readonly string[];
  run(context: CommandContext): Promise<CommandOutput>;
}

export function defineCommand(definition: CommandDefinition): CommandDefinition {
  return definition;
}
