/**
 * The CLI edge: turns argv into a call of one command, renders its output, and maps every error to an exit
 * code in one place. `runCli` takes its I/O as a parameter so tests run commands in-process.
 */
import { Command, CommanderError, Option } from 'commander';
import { errorBody, exitCodeFor, type FactoryError, toFactoryError } from '../errors.js';
import { factoryVersion } from '../version.js';
import type { CommandDefinition, CommandOutput } from './command.js';
import { COMMANDS } from './commands/index.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly isTTY: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Ask a yes/no question; absent when there is no terminal (then the answer is no). */
  readonly ask?: (question: string) => Promise<boolean>;
  readonly signal?: AbortSignal;
}

export const PROGRAM_NAME = 'mcp-factory';

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const json = argv.includes('--json');
  let exitCode = 0;
  const program = buildProgram(io, json, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : usageError(error, json, io);
    const factoryError = toFactoryError(error);
    renderError(factoryError, json, io, argv.includes('--debug'));
    return exitCodeFor(factoryError);
  }
  return exitCode;
}

function buildProgram(io: CliIo, json: boolean, setExit: (code: number) => void): Command {
  const program = new Command(PROGRAM_NAME)
    .description('Turn a specification into a production-ready MCP server, then run it.')
    .version(factoryVersion(), '-V, --version', 'print the mcp-factory version')
    .configureOutput(outputFor(io, json))
    .exitOverride();
  if (!json) program.showHelpAfterError('(run with --help for usage)');
  for (const definition of COMMANDS) program.addCommand(buildCommand(definition, io, json, setExit));
  return program;
}

/** With --json a usage error is printed once, as JSON on stdout (usageError), not also as text on stderr. */
function outputFor(io: CliIo, json: boolean) {
  return {
    writeOut: io.stdout,
    writeErr: io.stderr,
    ...(json ? { outputError: () => {} } : {}),
  };
}

function buildCommand(
  definition: CommandDefinition,
  io: CliIo,
  json: boolean,
  setExit: (code: number) => void,
): Command {
  const command = new Command(definition.name).summary(definition.summary);
  command.description(definition.description ?? definition.summary);
  for (const argument of definition.arguments ?? []) {
    const label = `${argument.name}${argument.variadic ? '...' : ''}`;
    command.argument(argument.required ? `<${label}>` : `[${label}]`, argument.description);
  }
  for (const option of definition.options ?? []) command.addOption(buildOption(option));
  command.option('--json', 'print the result as JSON');
  command.option('--debug', 'show stack traces for internal errors');
  if (definition.examples?.length) {
    command.addHelpText('after', `\nExamples:\n${definition.examples.map((e) => `  $ ${e}`).join('\n')}`);
  }
  command.exitOverride().configureOutput(outputFor(io, json));
  command.action(async (...params: unknown[]) => {
    const options = command.opts();
    const args = (params.slice(0, definition.arguments?.length ?? 0) as (string | string[] | undefined)[])
      .flat()
      .filter((a): a is string => typeof a === 'string');
    const interactive = io.isTTY && options.json !== true;
    const output = await definition.run({
      args,
      options,
      json: options.json === true,
      cwd: io.cwd,
      env: io.env,
      interactive,
      write: io.stdout,
      // Plain lines on stderr, on a terminal or not, so a CI log of a long deploy shows what happened.
      progress: (message) => {
        if (options.json !== true) io.stderr(`… ${message}\n`);
      },
      confirm: async (question) => (interactive && io.ask ? io.ask(question) : false),
      signal: io.signal ?? new AbortController().signal,
    });
    renderOutput(output, options.json === true, io);
    setExit(output.exitCode ?? 0);
  });
  return command;
}

function buildOption(
  definition: CommandDefinition['options'] extends readonly (infer O)[] | undefined ? O : never,
) {
  const option = new Option(definition.flags, definition.description);
  if (definition.default !== undefined) option.default(definition.default);
  if (definition.parse) option.argParser(definition.parse);
  return option;
}

function renderOutput(output: CommandOutput, json: boolean, io: CliIo): void {
  if (output.streamed) return;
  if (json) {
    io.stdout(`${JSON.stringify(output.json, null, 2)}\n`);
    return;
  }
  if (output.stderr) io.stderr(ensureNewline(output.stderr));
  if (output.text) io.stdout(ensureNewline(output.text));
}

function renderError(error: FactoryError, json: boolean, io: CliIo, debug: boolean): void {
  if (json) {
    io.stdout(`${JSON.stringify(errorBody(error), null, 2)}\n`);
    return;
  }
  const lines = [`error[${error.code}]: ${error.message}`];
  if (error.hint) lines.push(`hint: ${error.hint}`);
  if (error.audience === 'internal') {
    lines.push('This is a bug in mcp-factory; please report it with the command you ran.');
    if (debug && error.cause instanceof Error && error.cause.stack) lines.push(error.cause.stack);
    else lines.push('(run again with --debug for the stack trace)');
  }
  io.stderr(`${lines.join('\n')}\n`);
}

function usageError(error: CommanderError, json: boolean, io: CliIo): number {
  // Commander has already printed its own message in human mode.
  if (json) {
    const message = error.message.replace(/^error: /, '');
    io.stdout(`${JSON.stringify({ error: { code: 'USAGE', message } }, null, 2)}\n`);
  }
  return 2;
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Entry point for the bin scripts: real process I/O. */
export async function main(argv: readonly string[]): Promise<void> {
  // A reader that went away (`mcp-factory help create | head -1`) is not an error: stop writing quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  const interrupt = new AbortController();
  process.once('SIGINT', () => interrupt.abort());
  const code = await runCli(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY === true && process.stdin.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
    ask: askOnTerminal,
    signal: interrupt.signal,
  });
  process.exitCode = code;
}

async function askOnTerminal(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(`${question} [y/N] `)).trim());
  } finally {
    rl.close();
  }
}
