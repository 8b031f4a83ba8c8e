/**
 * SQL statements may only bind parameters the tool has (paginated ones also get :limit and :offset), and hold
 * no NUL character (PostgreSQL refuses the statement, SQLite silently ends it there).
 */
import { didYouMean } from '../did-you-mean.js';
import { dialectOf, sqlNamedParameters } from '../sql.js';
import { PAGINATION_SQL_PARAMETERS } from './pagination.js';
import { findings, type SpecRule } from './rule.js';

export const sqlParameters: SpecRule = {
  name: 'sql-parameters',
  check({ spec }) {
    const report = findings('sql-parameters');
    spec.tools.forEach((tool, index) => {
      const implementation = tool.implementation;
      if (implementation.type !== 'sql') return;
      if (implementation.statement.includes('\0')) {
        report.error(
          ['tools', index, 'implementation', 'statement'],
          `the SQL statement of \`${tool.name}\` contains a NUL character, which no database accepts in SQL text`,
          'remove it; to compare with a NUL byte, bind it as a parameter',
        );
      }
      const known = Object.keys(tool.parameters);
      const supplied: readonly string[] = tool.pagination ? PAGINATION_SQL_PARAMETERS : [];
      const dialect = dialectOf(spec.connections.find((c) => c.name === tool.connection)?.type);
      for (const name of sqlNamedParameters(implementation.statement, dialect)) {
        if (known.includes(name) || supplied.includes(name)) continue;
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
