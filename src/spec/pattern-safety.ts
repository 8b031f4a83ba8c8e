/**
 * What validation knows about a spec `pattern` (a regular expression arguments must match): whether it
 * compiles the way the generated server compiles it (ECMAScript, `u` flag), whether it risks catastrophic
 * backtracking, and a way to test a value against it that cannot freeze validation.
 *
 * Catastrophic backtracking is found with safe-regex2 (fastify's fork of safe-regex, maintained, no native
 * code): it flags nested quantifiers (`(a+)+`, star height above one) and patterns with very many
 * quantifiers, the family behind exponential blow-ups. It is a heuristic: it also flags some safe patterns
 * (`^[a-z]+(-[a-z]+)*$`), which is why this is a warning, and it misses overlapping alternatives (`(a|a)*`).
 * The generated server runs patterns with a bounded engine either way; the warning is for the author and for
 * MCP clients, which validate arguments against the published schema with engines of their own.
 */
import { RE2JS } from 're2js';
import ret from 'ret';
import safeRegex from 'safe-regex2';

/** ret's CommonJS export is the tokenizer itself; its typings describe an ES module whose default it is. */
const tokenize = ret as unknown as (source: string) => unknown;

export type PatternCheck =
  | { readonly valid: false; readonly reason: string }
  | {
      readonly valid: true;
      readonly backtracking: boolean;
      /** Tests a value without risk of freezing; undefined when no engine can promise that for this pattern. */
      readonly matches: ((value: string) => boolean) | undefined;
    };

export function checkPattern(source: string): PatternCheck {
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'u');
  } catch (error) {
    return { valid: false, reason: (error as Error).message };
  }
  // safe-regex2 answers "unsafe" for syntax its parser (ret) cannot read, such as lookbehind: only a pattern
  // ret reads is judged; one it cannot read is not reported, nor ever run by a backtracking engine here.
  const judged = readsWithRet(source);
  const backtracking = judged && !safeRegex(source);
  const backtrackingSafe = judged && !backtracking ? (value: string) => regex.test(value) : undefined;
  return { valid: true, backtracking, matches: linearMatcher(source) ?? backtrackingSafe };
}

function readsWithRet(source: string): boolean {
  try {
    tokenize(source);
    return true;
  } catch {
    return false;
  }
}

/**
 * A pattern compiled the way the generated server compiles it (templates/server/lib/linear-pattern.ts): RE2,
 * linear time, after translating ECMAScript syntax. Throws when RE2 cannot read it.
 */
export function compileLinearPattern(source: string): RE2JS {
  return RE2JS.compile(RE2JS.translateRegExp(source), RE2JS.LOOKBEHINDS);
}

/** RE2 (linear time, no lookaround or backreferences) when it can read the pattern. */
function linearMatcher(source: string): ((value: string) => boolean) | undefined {
  try {
    const re2 = compileLinearPattern(source);
    return (value) => re2.matcher(value).find();
  } catch {
    return undefined;
  }
}
