/**
 * The drafted spec as YAML a person reviews: built with the `yaml` Document API, every inferred value
 * carrying an `# inferred: …` comment, and the open questions listed at the top, each with its YAML path.
 */
import { Document, isCollection, isScalar } from 'yaml';
import type { Inference, ProviderName, Question } from './types.js';

export interface DraftYamlInput {
  readonly spec: Record<string, unknown>;
  readonly inferred: readonly Inference[];
  readonly questions: readonly Question[];
  readonly provider: ProviderName;
}

export function draftYaml(input: DraftYamlInput): string {
  const doc = new Document(input.spec);
  doc.commentBefore = header(input);
  for (const { path, note } of input.inferred) {
    const node = doc.getIn(path, true);
    const comment = ` inferred: ${oneLine(note)}`;
    if (isScalar(node)) node.comment = comment;
    else if (isCollection(node)) node.commentBefore = comment;
  }
  return doc.toString({ lineWidth: 110 });
}

function header({ provider, questions }: DraftYamlInput): string {
  const lines = [
    ' yaml-language-server: $schema=https://mcp-factory.dev/schema/mcp-spec.schema.json',
    '',
    ` Drafted by mcp-create --prompt (provider: ${provider}). Review it: every value marked`,
    ' "inferred" was chosen, not read in the prompt. Then run: mcp-create --spec <this file>',
  ];
  if (questions.length === 0) return lines.join('\n');
  return [
    ...lines,
    '',
    ' Open questions (answer them at the path shown):',
    ...questions.map((q) => ` - ${q.path}: ${oneLine(q.question)}`),
  ].join('\n');
}

/** A note from a prompt or an LLM must not end the comment and start YAML of its own. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').trim();
}
