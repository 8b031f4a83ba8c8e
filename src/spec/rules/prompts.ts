/** Prompt texts may only use `{name}` placeholders for arguments the prompt declares. */
import { didYouMean } from '../did-you-mean.js';
import { findings, type SpecRule } from './rule.js';

export const promptPlaceholders: SpecRule = {
  name: 'prompt-placeholders',
  check({ spec }) {
    const report = findings('prompt-placeholders');
    spec.prompts.forEach((prompt, index) => {
      const known = prompt.arguments.map((a) => a.name);
      const used = [...prompt.text.matchAll(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!);
      for (const name of new Set(used)) {
        if (known.includes(name)) continue;
        report.error(
          ['prompts', index, 'text'],
          `prompt \`${prompt.name}\` uses \`{${name}}\`, which is not one of its arguments`,
          didYouMean(name, known) ?? `declare it under \`arguments\`: - { name: ${name} }`,
        );
      }
    });
    return report.list;
  },
};
