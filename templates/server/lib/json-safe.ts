/**
 * Database drivers and handlers return values JSON cannot carry faithfully (Date, bigint, Buffer, Map…).
 * Every tool result passes through `toJsonSafe` so `structuredContent` and the text block agree.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export function toJsonSafe(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      // Exact when it fits in a double, otherwise a decimal string (never a silently rounded number).
      return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    case 'object':
      return objectToJsonSafe(value);
    default:
      return null;
  }
}

function objectToJsonSafe(value: object): JsonValue {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toJsonSafe);
  if (value instanceof Map) return toJsonSafe(Object.fromEntries(value));
  if (value instanceof Set) return [...value].map(toJsonSafe);
  const out: { [key: string]: JsonValue } = {};
  for (const [key, entry] of Object.entries(value)) {
    if (entry !== undefined) out[key] = toJsonSafe(entry);
  }
  return out;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A DECIMAL/NUMERIC value (drivers hand these over as text) as a JSON number when that loses nothing a
 * reader would notice (at most 15 significant digits, which a double carries exactly), else as the text.
 */
export function decimalToJson(text: string): number | string {
  const value = Number(text);
  if (!Number.isFinite(value)) return text;
  const digits = text.replace(/^[-+]/, '').replace('.', '').replace(/^0+/, '');
  return digits.length <= 15 ? value : text;
}
