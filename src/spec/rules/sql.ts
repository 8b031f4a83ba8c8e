/** SQL statements may only bind parameters the tool has, and need a SQL connection. */

import { didYouMean } from '../did-you-mean.js';
import { sqlNamedParameters } from '../sql.js';
import { findings, type SpecRule } from './rule.js';

export const sqlParameters: SpecRule = {
  name: 'sql-parameters',
  check({ spec }) {
    const report = findings('sql-parameters');
    spec.tools.forEach((tool, index) => {
      const implementation = tool.implementation;
      if (implementation.type !== 'sql') return;
      const known = Object.keys(tool.parameters);
      const dialect = spec.connections.find((c) => c.name === tool.connection)?.type;
      const sqlDialect = dialect === 'mysql' || dialect === 'sqlite' ? dialect : 'postgresql';
      for (const name of sqlNamedParameters(implementation.statement, sqlDialect)) {
        if (known.includes(name)) continue;
        report.error(
          ['tools', index, 'implementation', 'statement'],
          `the SQL statement of \`${tool.name}\` uses \`:${name}\`, which is not a parameter of the tool`,
          didYouMean(name, known) ?? `add \`${name}\` under \`parameters\`, or write \`::\` for a cast`,
        );
      }
    });
    return report.list;
  },
};
