/**
 * Builds specs full of hostile text from a seed: every string a user controls (names within the name
 * rules, descriptions, titles, enum values, defaults, SQL, resource and prompt text) is drawn from pools of
 * values that break naive code generation — quotes, backticks, `${…}`, comment terminators, line and
 * paragraph separators, NUL, bidi controls, reserved words. Deterministic: the same seed gives the same spec.
 */

const HOSTILE_TEXT = [
  `"double" 'single' \`backtick\``,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder in plain text is the point
  '${process.exit(1)} ${"x"} #{ruby} {{mustache}} <%= ejs %>',
  '*/ /* // <!-- --> </script><script>alert(1)</script>',
  'line1\nline2\r\nline3\ttab',
  'separators \u2028 and \u2029 inside',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: as above
  'back\\slash \\u0041 \\n \\` \\${x}',
  'émoji 🚀 中文 עברית \u202eRTL override\u202c ZWJ\u200d',
  'nul \u0000 and bell \u0007 and DEL \u007f',
  "'); DROP TABLE products; -- :notaparam",
  '#!/bin/sh\n$(rm -rf /) `id`',
  '',
] as const;

/** Parameter names the name rules allow that are JS/TS reserved words or shadow something in scope. */
const HOSTILE_PARAMETERS = [
  'class',
  'default',
  'function',
  'return',
  'new',
  'this',
  'await',
  'yield',
  'let',
  'enum',
  'import',
  'export',
  'delete',
  'typeof',
  'void',
  'null',
  'true',
  'undefined',
  'NaN',
  'arguments',
  'eval',
  'constructor_',
  '_constructor',
  'prototype_',
  '__proto___',
  '_',
  'then',
  'args',
  'ctx',
  'context',
  'signal',
  'require',
  'module',
  'exports',
  'process',
  'globalThis',
  'Object',
  'z',
] as const;

/**
 * Parameter names the name rules allow that are members of Object.prototype. They are kept out of the
 * fuzz pool because they fail today for a known reason (see hostile-specs.test.ts: an omitted optional
 * parameter reads the inherited member, so validation rejects the call); that test tracks the bug.
 */
export const PROTOTYPE_MEMBER_PARAMETERS = [
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
] as const;

/**
 * Tool names the MCP rules allow that collide with files, keywords or each other (`toString` is left out
 * for the known SDK bug tracked in hostile-specs.test.ts).
 */
const HOSTILE_TOOLS = [
  'class',
  'default',
  'delete',
  'a.b-c',
  'x--y',
  '-lead',
  '.hidden',
  '..',
  'index',
  'index.gen',
  'Index',
  'CON',
  'server',
  'config',
  'T'.repeat(128),
] as const;

/** mulberry32: a tiny seeded PRNG so failures reproduce from the seed alone. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, values: readonly T[]): T => values[Math.floor(rng() * values.length)]!;
const text = (rng: Rng) => `${pick(rng, HOSTILE_TEXT)} ${pick(rng, HOSTILE_TEXT)}`;

/** `count` values from `pool` that differ ignoring case (tool names may not), in a seed-dependent order. */
function distinct<T extends string>(rng: Rng, pool: readonly T[], count: number): T[] {
  const shuffled = [...pool].sort(() => rng() - 0.5);
  const seen = new Set<string>();
  return shuffled
    .filter((value) => !seen.has(value.toLowerCase()) && seen.add(value.toLowerCase()))
    .slice(0, count);
}

/** A SQLite tool whose parameters are hostile names, echoed back as columns, with hostile SQL around them. */
function sqlTool(rng: Rng, name: string, parameters: readonly string[]) {
  const [first, second, third] = parameters as [string, string, string];
  // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile enum value on purpose
  const enumValues = [`a'b`, `c"d`, 'e`f', '${g}', '*/'];
  return {
    name,
    title: text(rng),
    description: text(rng),
    connection: 'memory',
    parameters: {
      [first]: { type: 'string', required: true, description: text(rng), minLength: 1 },
      [second]: { type: 'string', enum: enumValues, default: pick(rng, enumValues), description: text(rng) },
      [third]: { type: 'integer', minimum: -5, maximum: 5, default: 0, description: text(rng) },
    },
    returns: {
      type: 'object',
      description: text(rng),
      properties: {
        [first]: { type: 'string' },
        [second]: { type: 'string' },
        [third]: { type: 'integer' },
        literal: { type: 'string' },
      },
      required: [first, third],
    },
    implementation: {
      type: 'sql',
      // Literals that look like parameters or comment ends must stay literals.
      statement: `SELECT :${first} AS "${first}", :${second} AS "${second}", :${third} AS "${third}", ':notaparam */ \${x} \`q\`' AS "literal" -- */ ${'`'}`,
      result: 'first',
    },
    annotations: { readOnly: true, title: text(rng) },
  };
}

/** A handler tool (the user writes the code) with nested and array parameters under hostile names. */
function handlerTool(rng: Rng, name: string, parameters: readonly string[]) {
  const [first, second, third] = parameters as [string, string, string];
  return {
    name,
    description: text(rng),
    parameters: {
      [first]: {
        type: 'object',
        required: true,
        description: text(rng),
        properties: {
          [second]: { type: 'boolean', required: true },
          [third]: { type: 'number', description: text(rng) },
        },
      },
      [second]: { type: 'array', items: { type: 'string', description: text(rng) }, maxItems: 3 },
      [third]: { type: 'string', format: 'date-time', description: text(rng) },
    },
    returns: {
      type: 'array',
      items: { type: 'object', properties: { [`${first}"*/`]: { type: 'string' } } },
    },
  };
}

/** One rich hostile spec (JSON text: it can carry NUL and lone separators exactly). */
export function hostileSpec(seed: number): Record<string, unknown> {
  const rng = random(seed);
  const toolNames = distinct(rng, HOSTILE_TOOLS, 4);
  const parameterSets = toolNames.map(() => distinct(rng, HOSTILE_PARAMETERS, 3));
  const tools = toolNames.map((name, i) =>
    i % 2 === 0 ? sqlTool(rng, name, parameterSets[i]!) : handlerTool(rng, name, parameterSets[i]!),
  );
  const argument = pick(rng, HOSTILE_PARAMETERS);
  return {
    name: `${pick(rng, ['class', 'default.x-y_z', '0-0', 'delete', 'constructor-x'])}-${seed}`,
    version: `0.0.1-hostile+seed.${seed}`,
    description: text(rng),
    transport: pick(rng, ['stdio', 'http']),
    connections: [
      {
        name: 'memory',
        type: 'sqlite',
        envVar: 'HOSTILE_DB',
        defaultPath: ':memory:',
        description: text(rng),
      },
    ],
    tools,
    resources: [{ uri: 'hostile://notes/readme', name: text(rng), description: text(rng), text: text(rng) }],
    prompts: [
      {
        name: pick(rng, HOSTILE_TOOLS),
        description: text(rng),
        arguments: [{ name: argument, description: text(rng), required: true }],
        // Braces are placeholder syntax in prompt text (a rule checks each one names an argument).
        text: `${text(rng).replace(/[{}]/g, '')} {${argument}}`,
      },
    ],
  };
}
