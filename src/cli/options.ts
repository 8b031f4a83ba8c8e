/** Parsers for option values shared by several commands; bad values are usage errors that say what is allowed. */
import { FactoryError } from '../errors.js';
import type { TargetKind } from '../targets/index.js';
import type { OptionDefinition } from './command.js';

export const TARGET_KINDS: readonly TargetKind[] = ['local', 'docker', 'microvm'];

/** `--target <kind>`: which deployment a command acts on (needed only when a server runs on several). */
export const targetOption: OptionDefinition = {
  flags: '--target <kind>',
  description: `which deployment, when the server runs on several: ${TARGET_KINDS.join(', ')}`,
  parse: parseChoice('--target', TARGET_KINDS),
};

export function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new FactoryError('USAGE', `--port must be a whole number from 1 to 65535, not "${raw}"`);
  }
  return port;
}

/** A whole number of 0 or more (`--tail`, `--max-restarts`). */
export function parseCount(flag: string): (raw: string) => number {
  return parseWholeNumber(flag, 0);
}

/** A whole number of 1 or more (`--replicas`, `--memory`). */
export function parsePositive(flag: string): (raw: string) => number {
  return parseWholeNumber(flag, 1);
}

function parseWholeNumber(flag: string, min: number): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isInteger(value) || value < min) {
      throw new FactoryError('USAGE', `${flag} must be a whole number of ${min} or more, not "${raw}"`);
    }
    return value;
  };
}

/** A positive decimal such as `--cpus 0.5`. */
export function parsePositiveDecimal(flag: string): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
      throw new FactoryError('USAGE', `${flag} must be a number greater than 0, not "${raw}"`);
    }
    return value;
  };
}

export function parseChoice<T extends string>(flag: string, choices: readonly T[]): (raw: string) => T {
  return (raw) => {
    if ((choices as readonly string[]).includes(raw)) return raw as T;
    throw new FactoryError('USAGE', `${flag} must be one of ${choices.join(', ')}, not "${raw}"`);
  };
}

export function stringOption(options: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = options[key];
  return typeof value === 'string' ? value : undefined;
}
