/**
 * Parsing + validating a generated 1,000-tool spec (target: median under 100 ms), against plain
 * `yaml.parse` of the same text as the baseline.
 */
import { parse } from 'yaml';
import { parseSpec } from '../src/spec/index.js';
import { defineBench } from './lib/measure.js';

/**
 * A spec with `count` tools written the way examples/ are (flow maps for parameters and implementations),
 * mixing SQL, HTTP and handler tools, plus one trigger for every ten tools.
 */
export function largeSpecYaml(count: number): string {
  const lines = [
    'name: large',
    'version: 1.0.0',
    'transport: http',
    'connections:',
    '  - { name: db, type: postgresql, envVar: DATABASE_URL }',
    '  - { name: api, type: http, envVar: API_URL }',
    'tools:',
  ];
  for (let i = 0; i < count; i++) lines.push(...toolLines(i));
  lines.push('triggers:');
  for (let i = 0; i < count / 10; i++) {
    lines.push(
      i % 2 === 0
        ? `  - { type: cron, schedule: "${i % 60} * * * *", tool: tool_${i * 10}, arguments: { id: { value: ${i + 1} } } }`
        : `  - { type: webhook, path: /hooks/h${i}, tool: tool_${i * 10}, arguments: { id: { from: body.id } } }`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function toolLines(i: number): string[] {
  const head = [
    `  - name: tool_${i}`,
    `    description: Find items of group ${i} by id and text.`,
    '    parameters:',
    '      id: { type: integer, required: true, minimum: 1 }',
    "      query: { type: string, default: '', maxLength: 200 }",
    '      status: { type: string, enum: [open, closed], default: open }',
    '    returns: { type: array, items: { type: object, properties: { id: { type: integer }, name: { type: string } } } }',
  ];
  if (i % 3 === 0) {
    return [
      ...head,
      '    connection: db',
      `    implementation: { type: sql, statement: "SELECT id, name FROM items_${i} WHERE id = :id AND name LIKE :query AND status = :status" }`,
      '    pagination: { pageSize: 50 }',
    ];
  }
  if (i % 3 === 1)
    return [...head, '    connection: api', `    implementation: { type: http, path: "/items/{id}/v${i}" }`];
  return head;
}

export default defineBench({
  name: 'spec-parse',
  description: 'parse + validate + normalize a 1,000-tool YAML spec',
  iterations: 20,
  warmup: 3,
  setup() {
    const text = largeSpecYaml(1000);
    const json = JSON.stringify(parse(text), null, 2);
    const small = largeSpecYaml(100);
    for (const input of [text, json]) {
      const check = parseSpec(input);
      if (check.errors.length + check.warnings.length > 0)
        throw new Error(
          `generated spec is not clean: ${JSON.stringify(check.errors[0] ?? check.warnings[0])}`,
        );
    }
    return [
      {
        name: `yaml.parse (${Math.round(text.length / 1024)} KiB, ${text.split('\n').length} lines)`,
        baseline: true,
        fn: () => parse(text),
      },
      { name: 'parseSpec, YAML', targetMedianMs: 100, fn: () => parseSpec(text) },
      {
        name: `parseSpec, same spec as JSON (${Math.round(json.length / 1024)} KiB)`,
        fn: () => parseSpec(json),
      },
      // Scaling: a tenth of the tools should take about a tenth of the time.
      { name: 'parseSpec, YAML, 100 tools', fn: () => parseSpec(small) },
    ];
  },
});
