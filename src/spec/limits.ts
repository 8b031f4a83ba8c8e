/**
 * The limits every spec is held to, whichever door it came through and whichever parser read it. Real specs
 * sit far below each of them (the largest example is a few KB); they exist so that a hostile spec is refused
 * with a diagnostic instead of taking the factory's memory, CPU or disk.
 */

/**
 * Largest spec text accepted, in bytes. 4 MiB is hundreds of times the largest example and leaves room for
 * specs drafted from large OpenAPI documents; validation is linear, so this bounds it to about a second.
 */
export const MAX_SPEC_BYTES = 4 * 1024 * 1024;

/**
 * Largest size the spec may reach once YAML aliases are expanded (string and key lengths, plus one per
 * value). Generation writes the expanded spec several times over (spec copy, schemas, README, tests), so this
 * also bounds the size of a generated project.
 */
export const MAX_EXPANDED_BYTES = 2 * MAX_SPEC_BYTES;

/** YAML `*alias` references allowed in one spec: enough to share definitions, far too few to amplify. */
export const MAX_ALIASES = 100;

/** Deeper than any real spec; also keeps every recursive walk far from the stack limit. */
export const MAX_DEPTH = 64;
