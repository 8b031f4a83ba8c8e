/**
 * Valid sample arguments for a tool, derived from its parameter schemas, so the server's own tests can call
 * every tool. Respects enum, default, format, bounds and simple patterns; returns undefined when it cannot
 * find a value it is sure about (the test then reports the tool as not testable instead of guessing).
 */
import type { ParameterSpec } from '../spec/types.js';
import { sampleForPattern } from './sample-pattern.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const FORMAT_SAMPLES: Record<NonNullable<ParameterSpec['format']>, string> = {
  date: '2024-01-31',
  'date-time': '2024-01-31T12:00:00Z',
  time: '12:00:00',
  email: 'user@example.com',
  uri: 'https://example.com/',
  uuid: '123e4567-e89b-42d3-a456-426614174000',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
};

/** Arguments for the required parameters only (the smallest valid call), or undefined. */
export function sampleArguments(
  parameters: Readonly<Record<string, ParameterSpec>>,
): Record<string, Json> | undefined {
  const result: Record<string, Json> = {};
  for (const [name, parameter] of Object.entries(parameters)) {
    if (!parameter.required) continue;
    const value = sampleValue(parameter);
    if (value === undefined) return undefined;
    result[name] = value;
  }
  return result;
}

export function sampleValue(parameter: ParameterSpec): Json | undefined {
  if (parameter.enum) return parameter.enum[0];
  if (parameter.default !== undefined) return parameter.default as Json;
  switch (parameter.type) {
    case 'string':
      return sampleString(parameter);
    case 'number':
    case 'integer':
      return sampleNumber(parameter);
    case 'boolean':
      return true;
    case 'array':
      return sampleArray(parameter);
    case 'object':
      return parameter.properties ? sampleArguments(parameter.properties) : {};
  }
}

function sampleString(parameter: ParameterSpec): string | undefined {
  const min = parameter.minLength ?? 0;
  const max = parameter.maxLength ?? Number.POSITIVE_INFINITY;
  let value: string | undefined;
  if (parameter.format) value = FORMAT_SAMPLES[parameter.format];
  else if (parameter.pattern !== undefined) value = sampleForPattern(parameter.pattern, min, max);
  else value = 'example'.padEnd(min, 'x').slice(0, Number.isFinite(max) ? max : undefined);
  if (value === undefined || [...value].length < min || [...value].length > max) return undefined;
  if (parameter.pattern !== undefined && !safeTest(parameter.pattern, value)) return undefined;
  return value;
}

function safeTest(pattern: string, value: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(value);
  } catch {
    return false;
  }
}

/** The smallest integer in range (1 when unbounded: a natural id or count). */
function sampleNumber(parameter: ParameterSpec): number | undefined {
  const min = parameter.minimum ?? Number.NEGATIVE_INFINITY;
  const max = parameter.maximum ?? Number.POSITIVE_INFINITY;
  const preferred = Math.min(Math.max(1, Math.ceil(min)), Math.floor(max));
  if (preferred >= min && preferred <= max) return preferred;
  // A range with no integer in it (e.g. 0.1..0.2) only fits a fractional number.
  if (parameter.type === 'number' && min <= max) return Number.isFinite(min) ? min : max;
  return undefined;
}

function sampleArray(parameter: ParameterSpec): Json[] | undefined {
  const count = Math.max(parameter.minItems ?? 0, 1);
  if (parameter.maxItems !== undefined && parameter.maxItems < count)
    return parameter.maxItems === 0 ? [] : undefined;
  if (!parameter.items) return Array.from({ length: count }, () => 'example');
  const item = sampleValue({ ...parameter.items, required: true });
  return item === undefined ? undefined : Array.from({ length: count }, () => item);
}
