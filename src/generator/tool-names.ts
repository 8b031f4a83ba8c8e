/**
 * Turning tool names into file names and TypeScript identifiers. Tool names may contain ".", "-" and
 * reserved words (`delete`, `class`), and two names may differ only in case, which collides on macOS and
 * Windows file systems. Each tool gets a file stem and an identifier that are unique, stable for the same
 * list of tools, and derived only from the name (never pasted as code).
 */
import { assertSafeName } from '../spec/names.js';

export interface ToolNames {
  readonly tool: string;
  /** File name without extension, used for src/tools/<stem>.ts and src/handlers/<stem>.ts. */
  readonly stem: string;
  /** A valid, non-reserved identifier, e.g. `searchNotesTool`. */
  readonly identifier: string;
}

/** Stems the generator itself uses in src/tools/. */
const RESERVED_STEMS = new Set(['index', 'index.gen']);

/** Names each tool in order; later tools get a numeric suffix on collision. */
export function toolNames(tools: readonly { name: string }[]): ToolNames[] {
  const stems = new Set<string>();
  const identifiers = new Set<string>();
  return tools.map(({ name }) => {
    assertSafeName('tool', name);
    const stem = unique(
      fileStem(name),
      (s) => stems.has(s.toLowerCase()) || RESERVED_STEMS.has(s.toLowerCase()),
    );
    stems.add(stem.toLowerCase());
    const identifier = unique(`${camel(name)}Tool`, (s) => identifiers.has(s));
    identifiers.add(identifier);
    return { tool: name, stem, identifier };
  });
}

/** Dots would read as extensions and leading dots hide files: keep letters, digits, "_" and "-". */
function fileStem(name: string): string {
  const stem = name.replace(/[^A-Za-z0-9_-]/g, '_');
  return stem.length > 0 ? stem : 'tool';
}

function camel(name: string): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((w) => w.length > 0);
  const joined = words.map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  if (joined.length === 0) return 'tool';
  return /^[0-9]/.test(joined) ? `t${joined}` : joined.charAt(0).toLowerCase() + joined.slice(1);
}

function unique(base: string, taken: (candidate: string) => boolean): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${n}`;
    if (!taken(candidate)) return candidate;
  }
}
