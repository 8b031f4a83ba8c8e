/**
 * Paginated tools get `limit` and `cursor` inputs from the runtime (templates/server/lib/pagination.ts),
 * and paginated SQL gets `LIMIT :limit OFFSET :offset` appended unless it binds `:limit` itself — or, with
 * `pagination.key`, is wrapped to continue after the last row's key (keyset).
 */
import { dialectOf, sqlCode, sqlNamedParameters } from '../sql.js';
import { findings, type SpecRule } from './rule.js';

/** Inputs every paginated tool receives from the runtime. */
export const PAGINATION_INPUTS = ['limit', 'cursor'] as const;
/** Names a paginated SQL statement may bind without declaring them: the runtime supplies them. */
export const PAGINATION_SQL_PARAMETERS = ['limit', 'offset'] as const;

export const paginationInputs: SpecRule = {
  name: 'pagination-inputs',
  check({ spec }) {
    const report = findings('pagination-inputs');
    spec.tools.forEach((tool, index) => {
      if (!tool.pagination) return;
      for (const name of PAGINATION_INPUTS) {
        if (!(name in tool.parameters)) continue;
        report.error(
          ['tools', index, 'parameters', name],
          `parameter \`${name}\` of \`${tool.name}\` clashes with the \`${name}\` input that pagination adds`,
          `rename it, or remove \`pagination\` (page size is set by \`pagination.pageSize\`)`,
          'key',
        );
      }
    });
    return report.list;
  },
};

/** Keyset paging is pushed into SQL by the runtime; other implementations and self-paging SQL cannot use it. */
export const paginationKey: SpecRule = {
  name: 'pagination-key',
  check({ spec }) {
    const report = findings('pagination-key');
    spec.tools.forEach((tool, index) => {
      const implementation = tool.implementation;
      const key = tool.pagination?.key;
      if (key === undefined) return;
      const where = ['tools', index, 'pagination', 'key'];
      if (implementation.type !== 'sql') {
        report.error(
          where,
          `\`pagination.key\` of \`${tool.name}\` needs a SQL implementation; a ${implementation.type} result is paged by offset`,
          'remove `key`',
        );
        return;
      }
      const dialect = dialectOf(spec.connections.find((c) => c.name === tool.connection)?.type);
      if (!sqlNamedParameters(implementation.statement, dialect).includes('limit')) return;
      report.error(
        where,
        `the statement of \`${tool.name}\` binds \`:limit\` and pages itself, so \`pagination.key\` cannot apply`,
        'remove `LIMIT :limit OFFSET :offset` from the statement (the runtime pages by the key), or remove `key`',
      );
    });
    return report.list;
  },
};

export const paginatedSqlLimit: SpecRule = {
  name: 'paginated-sql-limit',
  check({ spec }) {
    const report = findings('paginated-sql-limit');
    spec.tools.forEach((tool, index) => {
      const implementation = tool.implementation;
      if (!tool.pagination || implementation.type !== 'sql') return;
      const dialect = dialectOf(spec.connections.find((c) => c.name === tool.connection)?.type);
      const bindsLimit = sqlNamedParameters(implementation.statement, dialect).includes('limit');
      if (bindsLimit || !/\bLIMIT\b/i.test(sqlCode(implementation.statement, dialect))) return;
      report.error(
        ['tools', index, 'implementation', 'statement'],
        `the statement of paginated tool \`${tool.name}\` has its own LIMIT; the runtime appends \`LIMIT :limit OFFSET :offset\``,
        'remove the LIMIT, or write `LIMIT :limit OFFSET :offset` yourself',
      );
    });
    return report.list;
  },
};
