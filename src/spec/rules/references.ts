/** Names that point at something else in the spec must point at something that exists. */
import { didYouMean } from '../did-you-mean.js';
import { findings, type SpecRule } from './rule.js';

export const unknownToolReference: SpecRule = {
  name: 'unknown-tool',
  check({ spec }) {
    const report = findings('unknown-tool');
    const tools = spec.tools.map((tool) => tool.name);
    spec.triggers.forEach((trigger, index) => {
      if (tools.includes(trigger.tool)) return;
      report.error(
        ['triggers', index, 'tool'],
        `${trigger.type} trigger calls tool \`${trigger.tool}\`, which is not defined in \`tools\``,
        didYouMean(trigger.tool, tools) ??
          `define a tool named \`${trigger.tool}\` or call one of: ${tools.join(', ')}`,
      );
    });
    return report.list;
  },
};

export const unknownConnectionReference: SpecRule = {
  name: 'unknown-connection',
  check({ spec }) {
    const report = findings('unknown-connection');
    const names = spec.connections.map((connection) => connection.name);
    const hint = (name: string) =>
      didYouMean(name, names) ??
      (names.length > 0
        ? `defined connections: ${names.join(', ')}`
        : `add it under \`connections:\` with a type and an envVar`);
    spec.tools.forEach((tool, index) => {
      if (tool.connection === undefined || names.includes(tool.connection)) return;
      report.error(
        ['tools', index, 'connection'],
        `tool \`${tool.name}\` uses connection \`${tool.connection}\`, which is not defined`,
        hint(tool.connection),
      );
    });
    spec.triggers.forEach((trigger, index) => {
      if (!('connection' in trigger) || names.includes(trigger.connection)) return;
      report.error(
        ['triggers', index, 'connection'],
        `${trigger.type} trigger uses connection \`${trigger.connection}\`, which is not defined`,
        hint(trigger.connection),
      );
    });
    return report.list;
  },
};
