/** Parsers for option values shared by several commands; bad values are usage errors that say what is allowed. */
import { FactoryError } from '../errors.js';

export function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new FactoryError('USAGE', `--port must be a whole number from 1 to 65535, not "${raw}"`);
  }
  return port;
}

export function parseCount(flag: string): (raw: string) => number {
  return (raw) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) {
      throw new FactoryError('USAGE', `${flag} must be a whole number of 0 or more, not "${raw}"`);
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
