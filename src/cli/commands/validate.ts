/**
 * `mcp-factory validate FILE [--json] [--plan]`: check a spec and print compiler-style diagnostics.
 * Exit 0 when valid, 1 when invalid, 2 when the file cannot be read (FactoryError INPUT_UNREADABLE).
 */
import { resolve } from 'node:path';
import { describeSpec, formatDiagnostics, loadSpec } from '../../spec/index.js';
import { defineCommand } from '../command.js';

export const validateCommand = defineCommand({
  name: 'validate',
  summary: 'Check a spec (YAML or JSON) and report every problem with its line',
  description:
    'Check a spec (YAML or JSON): structure, defaults and semantic rules. Prints each problem as ' +
    'file:line:col with a hint, then a summary. Exit code 0 = valid, 1 = invalid, 2 = could not read.',
  arguments: [{ name: 'file', description: 'spec file (.yaml, .yml or .json)', required: true }],
  options: [{ flags: '--plan', description: 'on a valid spec, summarize what would be generated' }],
  examples: ['mcp-factory validate examples/notes.yaml', 'mcp-factory validate spec.yaml --json --plan'],
  async run({ args, options, cwd }) {
    const file = args[0]!;
    const result = await loadSpec(resolve(cwd, file));
    const valid = result.errors.length === 0;
    const plan = options.plan === true && result.spec ? describeSpec(result.spec) : undefined;
    const report = formatDiagnostics(result, file);
    return {
      text: plan ? `${report}\n\nWould generate:\n${plan}` : report,
      json: {
        valid,
        errors: result.errors,
        warnings: result.warnings,
        ...(result.spec ? { spec: result.spec } : {}),
      },
      exitCode: valid ? 0 : 1,
    };
  },
});
