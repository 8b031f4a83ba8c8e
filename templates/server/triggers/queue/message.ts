/** Queue payloads are JSON when they parse, else the text as is (a producer may send plain strings). */
export function parseMessage(raw: string | Buffer): unknown {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Redis stream entries are field/value lists: one field → its value; several → an object of them. */
export function parseStreamFields(fields: readonly string[]): unknown {
  if (fields.length === 2) return parseMessage(fields[1] ?? '');
  const message: Record<string, unknown> = {};
  for (let i = 0; i + 1 < fields.length; i += 2)
    message[fields[i] as string] = parseMessage(fields[i + 1] as string);
  return message;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
