/**
 * A spec `pattern` runs on RE2 (the `re2js` package: pure JavaScript, no native build, time linear in the
 * input) instead of V8's backtracking engine, where `^(a+)+$` against a 30-byte argument holds the event
 * loop — every request, `/healthz` included — for seconds. The value is still a RegExp, so zod's `.regex()`
 * takes it and writes `pattern` into the tool's JSON Schema as before; only matching is delegated.
 */
import type { RE2JS as Engine } from 're2js';

// A dynamic import, so that package.json lists re2js only for servers whose spec has a pattern (FEATURE_PACKAGES
// in the factory's package-json.ts): only their tool files import this module.
const { RE2JS } = await import('re2js');

/** The pattern as generated code uses it: `z.string().regex(linearPattern("^[a-z]+$"))`. */
export function linearPattern(source: string): RegExp {
  let engine: Engine;
  try {
    engine = RE2JS.compile(RE2JS.translateRegExp(source), RE2JS.LOOKBEHINDS);
  } catch (error) {
    // The spec rule `pattern-engine` refuses such patterns, so only a hand-edited file gets here.
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`pattern ${JSON.stringify(source)} cannot run in linear time: ${reason}`);
  }
  return new LinearRegExp(source, engine);
}

class LinearRegExp extends RegExp {
  readonly #engine: Engine;

  constructor(source: string, engine: Engine) {
    super(source, 'u');
    this.#engine = engine;
  }

  override test(input: string): boolean {
    return this.#engine.test(String(input));
  }

  /** `match`, `search` and `replace` go through exec: never let them reach the backtracking engine. */
  override exec(input: string): RegExpExecArray | null {
    const text = String(input);
    const matcher = this.#engine.matcher(text);
    if (!matcher.find()) return null;
    const groups: (string | undefined)[] = [];
    for (let i = 0; i <= matcher.groupCount(); i++) groups.push(matcher.group(i) ?? undefined);
    return Object.assign(groups, {
      index: matcher.start(),
      input: text,
      groups: undefined,
    }) as RegExpExecArray;
  }
}
