/**
 * Hostile spec texts for the intake fuzz, from a seed: alias bombs (scalar and nested), huge and numerous
 * keys, huge strings built from the units that made regexes backtrack, hostile `pattern`s with hostile
 * defaults, control characters in one-line values, header names and values, resource URIs, NUL in SQL,
 * deep nesting, duplicate keys, and byte-level damage to a valid spec. The same (seed, index) gives the same
 * text, so a failure reproduces from the numbers the runner prints.
 */
import { random } from './hostile-spec.js';

type Rng = () => number;

/** Share of mutants drawn at full size (up to the limits and past them); the rest stay small and fast. */
let largeShare = 0.003;
const pick = <T>(rng: Rng, values: readonly T[]): T => values[Math.floor(rng() * values.length)]!;
const int = (rng: Rng, low: number, high: number) => low + Math.floor(rng() * (high - low + 1));
/** Mostly small, sometimes large: keeps 100,000 mutants affordable while still reaching the limits. */
const size = (rng: Rng, small: number, large: number) =>
  rng() < largeShare ? int(rng, small, large) : int(rng, 1, small);

const HEAD = 'name: fuzz\nversion: 1.0.0\n';
const TOOL = 'tools:\n  - name: t\n    description: d\n    implementation: { type: handler }\n';

/** Units whose repetition made a regex or a parser do quadratic or exponential work. */
const UNITS = [
  'a.',
  'eyJ-',
  'eyJaaaaaaaa.eyJ.',
  'x://y:',
  'sk-',
  '-----BEGIN A ',
  '{{',
  ': ',
  '- ',
  '&a ',
  '*a ',
  '"',
  '\\',
];

export const HOSTILE_PATTERNS = [
  '^(a+)+$',
  '^(a|a)*$',
  '^(a|aa)+$',
  '(x+x+)+y',
  '^(\\w+\\s?)*$',
  '(?<=x)(a+)+$',
  '^(a)\\1+$',
  '([a-z]+)*@',
  '\\s*#?\\s*$',
  '^[a-z]+(-[a-z]+)*$',
  '([',
  '(?<n>a)\\k<n>',
  '\\p{L}+',
  '[^]*',
] as const;

const CONTROL = ['\n', '\r', '\0', '\u2028', '\u0085', '\t', '\u001b', '\u007f'];

/** A string of `length` characters repeating `unit`. */
function repeatTo(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

function scalarAliasBomb(rng: Rng): string {
  const lines = [
    `${HEAD}description: &d ${'x'.repeat(size(rng, 200, 200_000))}`,
    TOOL.trimEnd(),
    '    parameters:',
  ];
  const count = size(rng, 150, 6_000);
  for (let i = 0; i < count; i++) lines.push(`      p${i}: { type: string, description: *d }`);
  return lines.join('\n');
}

function nestedAliasBomb(rng: Rng): string {
  const levels = int(rng, 2, 10);
  const lines = [`${HEAD}${TOOL}x0: &x0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]`];
  for (let i = 1; i <= levels; i++)
    lines.push(
      `x${i}: &x${i} [${Array(9)
        .fill(`*x${i - 1}`)
        .join(', ')}]`,
    );
  return lines.join('\n');
}

function manyKeys(rng: Rng): string {
  const count = size(rng, 200, 20_000);
  const length = size(rng, 20, 2_000);
  const keys = Array.from(
    { length: count },
    (_, i) => `${repeatTo(pick(rng, ['k', 'tool', 'x_']), length)}${i}: 1`,
  );
  return `${HEAD}${TOOL}${keys.join('\n')}\n`;
}

function hugeKey(rng: Rng): string {
  const key = repeatTo(pick(rng, ['k', 'tools', 'a.', 'desc']), size(rng, 2_000, 1_000_000));
  return rng() < 0.5
    ? `${HEAD}${TOOL}${key}: 1\n`
    : JSON.stringify({ name: 'fuzz', version: '1.0.0', tools: [{ name: 't' }], [key]: 1 });
}

function hugeString(rng: Rng): string {
  const value = repeatTo(pick(rng, UNITS), size(rng, 2_000, 1_000_000));
  const field = pick(rng, ['description', 'title', 'text', 'statement', 'defaultPath', 'uri', 'header']);
  const tool: Record<string, unknown> = { name: 't', description: field === 'description' ? value : 'd' };
  const spec: Record<string, unknown> = { name: 'fuzz', version: '1.0.0', tools: [tool] };
  if (field === 'title') tool.title = value;
  if (field === 'statement') {
    spec.connections = [{ name: 'db', type: 'sqlite', envVar: 'DB' }];
    Object.assign(tool, { connection: 'db', implementation: { type: 'sql', statement: value } });
  }
  if (field === 'defaultPath')
    spec.connections = [{ name: 'db', type: 'sqlite', envVar: 'DB', defaultPath: value }];
  if (field === 'text' || field === 'uri') {
    spec.resources = [{ uri: field === 'uri' ? `notes://${value}` : 'notes://a', name: 'n', text: value }];
  }
  if (field === 'header')
    spec.connections = [{ name: 'api', type: 'http', envVar: 'API', headers: { 'X-A': value } }];
  return JSON.stringify(spec);
}

function hostilePattern(rng: Rng): string {
  const pattern = pick(rng, HOSTILE_PATTERNS);
  const fill = pick(rng, ['a', 'x', 'ab', 'a ', 'aa@']);
  const parameter: Record<string, unknown> = { type: 'string', pattern };
  if (rng() < 0.7)
    parameter.default = `${fill.repeat(size(rng, 60, 5_000))}${pick(rng, ['!', '', 'y', '\0'])}`;
  return JSON.stringify({
    name: 'fuzz',
    version: '1.0.0',
    tools: [{ name: 't', parameters: { q: parameter } }],
  });
}

function controlCharacters(rng: Rng): string {
  const c = pick(rng, CONTROL);
  const text = `${pick(rng, ['./db', 'X-Api', 'notes://a', 'SELECT 1', 'UTC', 'in/*.csv'])}${c}${pick(rng, ['NODE_OPTIONS=--require /tmp/x.js', 'Injected: 1', '', 'x'])}`;
  const spec: Record<string, unknown> = { name: 'fuzz', version: '1.0.0', tools: [{ name: 't' }] };
  switch (int(rng, 0, 6)) {
    case 0:
      spec.connections = [{ name: 'db', type: 'sqlite', envVar: 'DB', defaultPath: text }];
      break;
    case 1:
      spec.connections = [{ name: 'api', type: 'http', envVar: 'API', headers: { [text]: 'v' } }];
      break;
    case 2:
      spec.connections = [{ name: 'api', type: 'http', envVar: 'API', headers: { 'X-A': text } }];
      break;
    case 3:
      spec.resources = [
        {
          uri: pick(rng, [text, 'inj://</script>', 'Notes://A/../b', 'x:y', 'notes://a b']),
          name: 'n',
          text: 't',
        },
      ];
      break;
    case 4:
      spec.connections = [{ name: 'db', type: 'sqlite', envVar: 'DB' }];
      spec.tools = [
        { name: 't', connection: 'db', implementation: { type: 'sql', statement: `SELECT '${text}' AS x` } },
      ];
      break;
    case 5:
      spec.triggers = [{ type: 'cron', tool: 't', schedule: '@daily', timezone: text }];
      break;
    default:
      spec.connections = [
        { name: 'api', type: 'http', envVar: 'API', auth: { type: 'api_key', envVar: 'K', header: text } },
      ];
  }
  return JSON.stringify(spec);
}

function deepNesting(rng: Rng): string {
  const depth = size(rng, 100, 20_000);
  return rng() < 0.5
    ? `${HEAD}${TOOL}deep: ${'['.repeat(depth)}${']'.repeat(depth)}\n`
    : `{"name":"fuzz","deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;
}

function duplicateKeys(rng: Rng): string {
  const count = size(rng, 100, 20_000);
  return `${HEAD}${TOOL}${Array.from({ length: count }, (_, i) => `k${i % 7}: ${i}`).join('\n')}\n`;
}

const VALID = `${HEAD}description: a valid spec\nconnections:\n  - name: db\n    type: sqlite\n    envVar: DB\n    defaultPath: ./db.sqlite\n${TOOL}  - name: q\n    connection: db\n    parameters:\n      id: { type: integer, required: true }\n    implementation: { type: sql, statement: "SELECT :id AS id", result: first }\nresources:\n  - uri: notes://readme\n    name: readme\n    text: hello\n`;

/** Byte-level damage: a valid spec with characters replaced, inserted or cut. */
function damaged(rng: Rng): string {
  const chars = [...VALID];
  const edits = int(rng, 1, 8);
  for (let i = 0; i < edits; i++) {
    const at = int(rng, 0, chars.length - 1);
    const insert = pick(rng, [
      ...CONTROL,
      '&a ',
      '*a',
      ':',
      '-',
      '{',
      '[',
      '"',
      "'",
      '!!binary ',
      '<<: ',
      '%YAML 1.1\n',
      '---\n',
      '\uFEFF',
      '\uD800',
    ]);
    if (rng() < 0.3) chars.splice(at, int(rng, 1, 20));
    else chars.splice(at, rng() < 0.5 ? 1 : 0, insert);
  }
  return chars.join('');
}

const KINDS = {
  'scalar-alias-bomb': scalarAliasBomb,
  'nested-alias-bomb': nestedAliasBomb,
  'many-keys': manyKeys,
  'huge-key': hugeKey,
  'huge-string': hugeString,
  'hostile-pattern': hostilePattern,
  'control-characters': controlCharacters,
  'deep-nesting': deepNesting,
  'duplicate-keys': duplicateKeys,
  damaged,
} as const;

export type MutantKind = keyof typeof KINDS;
export const MUTANT_KINDS = Object.keys(KINDS) as MutantKind[];

export interface Mutant {
  readonly index: number;
  readonly kind: MutantKind;
  readonly text: string;
}

/** The kind of mutant number `index`: kinds in turn, so every prefix of a run covers them all. */
export function kindOf(index: number): MutantKind {
  return MUTANT_KINDS[index % MUTANT_KINDS.length]!;
}

/** Mutant number `index` of the run seeded with `seed`, with `large` of the sizes drawn at full size. */
export function mutant(seed: number, index: number, large = 0.003): Mutant {
  largeShare = large;
  const rng = random((seed * 1_000_003 + index) >>> 0);
  const kind = kindOf(index);
  return { index, kind, text: KINDS[kind](rng) };
}
